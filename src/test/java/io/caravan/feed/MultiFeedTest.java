package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Two feeds at once against the built-in simulator: the Finnhub route with {@code caravan.feed.simulator.symbols}
 * and the Binance route with {@code caravan.feed.binance.symbols}, each on its own connection, into one pipeline.
 */
@QuarkusTest
@TestProfile(MultiFeedTest.Profile.class)
class MultiFeedTest {

    static final Path DATA = Path.of("target/test-data/multi-feed");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LiveFeedSettings.against(18796, DATA, Map.ofEntries(Map.entry("caravan.feeds", "simulator,binance"),
                    Map.entry("caravan.feed.simulator.symbols", "AAA,BBB"),
                    Map.entry("caravan.feed.binance.symbols", "BTCUSDT,ethusdt"), Map.entry("caravan.symbols", "ZZZ"),
                    Map.entry("caravan.binance.max-connection-age", "3s"),
                    Map.entry("caravan.binance.reconnect-initial-delay", "200")));
        }
    }

    @Inject
    FeedStatus status;
    @Inject
    SimulatorService simulator;

    @Test
    void eachFeedBringsItsOwnSymbolsOverItsOwnConnection() {
        // BTCUSDT and ETHUSDT (Binance names) come only through the Binance route, AAA and BBB only through Finnhub's
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> OutputBars.symbolsWithBars(DATA, "1s").containsAll(Set.of("AAA", "BBB", "BTCUSDT", "ETHUSDT")));
        assertEquals(Set.of("AAA", "BBB", "BTCUSDT", "ETHUSDT"), OutputBars.symbolsWithBars(DATA, "1s"),
                "no feed got the other's symbols, nothing of caravan.symbols");
        assertEquals(FeedStatus.CONNECTED, status.of("finnhub").state());
        // the Binance connection is replaced every 3 s (max-connection-age), so it may be between two just now
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> FeedStatus.CONNECTED.equals(status.of("binance").state()));
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused");
    }

    @Test
    void aBinanceConnectionIsReplacedOnceItReachesMaxConnectionAge() {
        // max-connection-age 3s: without it the route would keep its first connection for the whole test
        ExchangeSimulator exchange = simulator.simulator().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> exchange.binanceConnections() >= 3);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> FeedStatus.CONNECTED.equals(status.of("binance").state()));
    }
}
