package io.caravan.feed.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.feed.FeedStatus;
import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The AllTick route against the simulator's AllTick dialect over real WebSockets: stock codes on the stock
 * endpoint, a crypto pair on the FX/crypto endpoint, each connection subscribing once and sending heartbeats; the
 * pushes (tick_time in ms as text, or in seconds) become bars.
 */
@QuarkusTest
@TestProfile(AllTickFeedTest.Profile.class)
class AllTickFeedTest {

    static final Path DATA = Path.of("target/test-data/alltick-feed");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LiveFeedSettings.against(18797, DATA, Map.ofEntries(Map.entry("caravan.feeds", "simulator,alltick"),
                    Map.entry("caravan.feed.simulator.symbols", "ZZZ"),
                    Map.entry("caravan.feed.alltick.symbols", "AAPL.US,700.HK,BTCUSDT"),
                    Map.entry("caravan.alltick.token", "test-token"),
                    Map.entry("caravan.alltick.heartbeat-interval", "500ms")));
        }
    }

    @Inject
    FeedStatus status;
    @Inject
    SimulatorService simulator;
    @Inject
    CamelContext context;

    @Test
    void stockAndCryptoCodesBecomeBarsOverTheirOwnEndpoints() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> OutputBars.symbolsWithBars(DATA, "1s")
                .containsAll(Set.of("AAPL.US", "700.HK", "BTCUSDT")));
        assertEquals(Set.of("AAPL.US", "700.HK", "BTCUSDT", "ZZZ"), OutputBars.symbolsWithBars(DATA, "1s"),
                "each code under the name it was subscribed as");
        assertEquals(FeedStatus.CONNECTED, status.of("alltick").state());
        assertEquals(Set.of("feed-alltick-stock", "feed-alltick-crypto"), Set.of(
                context.getRoute("feed-alltick-stock").getId(), context.getRoute("feed-alltick-crypto").getId()));
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused: both tick_time forms accepted");
    }

    @Test
    void heartbeatsReachTheExchangeOnBothConnections() {
        ExchangeSimulator exchange = simulator.simulator().orElseThrow();
        long before = exchange.allTickHeartbeats();
        // 500 ms on each of two connections
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> exchange.allTickHeartbeats() >= before + 8);
    }
}
