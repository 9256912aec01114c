package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

class BackpressureTest {

    private static final int ROWS = 100_000; // ~8 MB of frames: more than socket buffers and the write queue hold

    @Test
    void maxSpeedReplayWaitsForASlowClientAndDropsNothing(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,symbol,price,size\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(1_723_161_300_000L + i).append(",AAPL,164.0").append(i % 10).append("00,").append(i + 1)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.csv"), csv);
        Vertx vertx = Vertx.vertx();
        ExchangeSimulator simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of(),
                Optional.of(file), "max", Duration.ofMillis(1), 5, Duration.ofSeconds(30), Optional.empty()));
        try (SimTestClient client = SimTestClient.connect(vertx, simulator.start(), "/")) {
            client.pauseReading();
            client.subscribe("AAPL");
            Thread.sleep(1500);
            assertFalse(simulator.fileReplayFinished().isDone(), "a client that reads nothing holds the replay");

            client.resumeReading();
            assertEquals(ROWS, simulator.fileReplayFinished().get(30, TimeUnit.SECONDS));
            await().atMost(Duration.ofSeconds(20)).until(() -> client.trades().size() >= ROWS);
            List<SimTestClient.WireTrade> trades = client.trades();
            assertEquals(ROWS, trades.size());
            for (int i = 0; i < ROWS; i++) {
                assertEquals(Integer.toString(i + 1), trades.get(i).v(), "in order, none missing");
            }
        } finally {
            simulator.stop();
            SimTestClient.await(vertx.close());
        }
    }

    @Test
    void stoppingBeforeAnySubscriptionFailsTheReplayFuture(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("one.csv"), "timestamp,symbol,price,size\n1,AAPL,1,1\n");
        Vertx vertx = Vertx.vertx();
        ExchangeSimulator simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of(),
                Optional.of(file), "max", Duration.ZERO, 5, Duration.ofSeconds(30), Optional.empty()));
        try {
            simulator.start();
            simulator.stop();
            assertTrue(simulator.fileReplayFinished().isCompletedExceptionally());
            assertThrows(IllegalStateException.class, simulator::start, "one run per simulator");
        } finally {
            SimTestClient.await(vertx.close());
        }
    }
}
