package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.simulator.SimulatorService;
import io.caravan.support.ExpectedBar;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.caravan.support.SimulatorBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14, item 2: after a reconnect the first trade of one symbol ended the gap, but the exchange applies a
 * connection's subscriptions one by one, so another symbol traded after that trade and before its own subscription
 * took effect: those trades came neither live nor from gap-fill. Here the simulator applies each Finnhub subscription
 * after the first 700 ms later than the one before (and so trades BBB for 700 ms unseen after each connect) and drops
 * every connection every 4 s; every bar in CSV equals the bar of the trades the simulator made.
 */
@QuarkusTest
@TestProfile(LateSubscriptionTest.Profile.class)
class LateSubscriptionTest {

    static final int SIM_PORT = 18793;
    static final Path DATA = Path.of("target/test-data/late-subscription").toAbsolutePath();
    static final List<String> SYMBOLS = List.of("AAA", "BBB");
    static final List<String> INTERVALS = List.of("1s", "5s");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LiveFeedSettings.against(SIM_PORT, DATA, Map.ofEntries(
                    Map.entry("caravan.feeds", "simulator"),
                    Map.entry("caravan.symbols", String.join(",", SYMBOLS)),
                    Map.entry("caravan.simulator.subscribe-delay", "700ms"),
                    Map.entry("caravan.simulator.drop-every", "4s"),
                    Map.entry("caravan.finnhub.reconnect-initial-delay", "200"),
                    // no trade may reach a bar after it closed, even on a busy machine
                    Map.entry("caravan.bars.grace", "2s")));
        }
    }

    @Inject
    SimulatorService simulator;

    @Test
    void tradesOfASymbolSubscribedLateAfterAReconnectAreFilled() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> !OutputBars.fromCsv(DATA).isEmpty());
        // from the 5 s bucket of the first trade received: start-up backfill fills that bucket, not the trades the
        // simulator made before it
        long from = Math.floorDiv(SimulatorBars.firstOpen(OutputBars.fromCsv(DATA)), 5000L) * 5000L;
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> simulator.simulator().orElseThrow().finnhubConnections() >= 4);
        long cutoff = (Math.floorDiv(System.currentTimeMillis(), 5000L) + 1) * 5000L;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> System.currentTimeMillis() > cutoff + 500);

        Map<String, ExpectedBar> expected = SimulatorBars.made(SIM_PORT, SYMBOLS, INTERVALS, from, cutoff);
        assertTrue(expected.size() > 20, "bars over three reconnects: " + expected.size());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> OutputBars.assertSameBars(expected,
                        SimulatorBars.opened(OutputBars.fromCsv(DATA), from, cutoff), "CSV"));
    }
}
