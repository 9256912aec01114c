package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One feed that cannot connect (Binance pointed at a port nobody listens on) does not stop another (the simulator's
 * Finnhub feed): its bars arrive while the Binance route keeps retrying.
 */
@QuarkusTest
@TestProfile(FeedIsolationTest.Profile.class)
class FeedIsolationTest {

    static final Path DATA = Path.of("target/test-data/feed-isolation");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LiveFeedSettings.against(18797, DATA, Map.ofEntries(Map.entry("caravan.feeds", "simulator,binance"),
                    Map.entry("caravan.feed.simulator.symbols", "AAA,BBB"),
                    Map.entry("caravan.feed.binance.symbols", "BTCUSDT"),
                    // a closed port: nothing listens on the discard port of the loopback interface here
                    Map.entry("caravan.binance.url", "ws://127.0.0.1:9"),
                    Map.entry("caravan.binance.reconnect-initial-delay", "200"),
                    Map.entry("caravan.binance.reconnect-max-delay", "1000")));
        }
    }

    @Inject
    FeedStatus status;
    @Inject
    CamelContext camel;

    @Test
    void aFeedThatCannotConnectDoesNotStopTheOther() {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> OutputBars.symbolsWithBars(DATA, "1s").containsAll(Set.of("AAA", "BBB")));
        assertEquals(Set.of("AAA", "BBB"), OutputBars.symbolsWithBars(DATA, "1s"));
        assertEquals(FeedStatus.CONNECTED, status.of("finnhub").state());
        assertEquals(FeedStatus.NOT_APPLICABLE, status.of("binance").state(), "Binance never connected");
        assertTrue(camel.getRouteController().getRouteStatus("feed-binance").isStarted(),
                "the Binance route is up and retrying");
    }
}
