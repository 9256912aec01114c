package io.caravan.feed.binance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorSettings;
import io.caravan.support.LeanDay;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * A simulator outside the application, replaying the Lean AIG/BAC day at 1000 times real time: to caravan it is just
 * a Binance server at {@code caravan.binance.url} ({@code caravan.feeds=binance}, as against the real exchange).
 * Without the recorded data it is not started and the test skips.
 */
public class BinanceExchangeResource implements QuarkusTestResourceLifecycleManager {

    static final int PORT = 18795;
    static final Path INPUT = Path.of("target/test-data/lean-20131007-binance.csv");

    static volatile ExchangeSimulator exchange;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        if (Files.exists(LeanDay.csv(INPUT))) {
            vertx = Vertx.vertx();
            exchange = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", PORT, List.of(),
                    Optional.of(INPUT), "1000", Duration.ofMillis(500), 5, Duration.ofSeconds(10), Optional.empty(),
                    Duration.ofSeconds(1)));
            exchange.start();
        }
        return Map.of("caravan.binance.url", "ws://127.0.0.1:" + PORT);
    }

    @Override
    public void stop() {
        if (exchange != null) {
            exchange.stop();
            exchange = null;
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
