package io.caravan.feed.finnhub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.simulator.SimulatorService;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.RecordedTrades;
import io.caravan.support.TestTrade;
import io.caravan.tick.TickValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same real trades as {@code ReplayFeedTest}, but served by the built-in exchange simulator over a real
 * WebSocket in Finnhub's protocol and received by the Finnhub route: the bars are the same.
 */
@QuarkusTest
@TestProfile(SimulatorFeedTest.Profile.class)
class SimulatorFeedTest {

    static final Path DATA = Path.of("target/test-data/simulator-feed");
    static final Path INPUT = Path.of("target/test-data/lean-20131007-ws.csv");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = new java.util.HashMap<>(Map.of("caravan.feeds", "simulator",
                    "caravan.simulator.speed", "max", "caravan.simulator.settle-delay", "500ms",
                    "caravan.simulator.port", "18765", "caravan.symbols", String.join(",", LeanDay.SYMBOLS),
                    "caravan.bars.clock", "event", "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv,jdbc",
                    "caravan.record.dir", DATA.resolve("recordings").toString(),
                    "caravan.record.flush-interval", "200ms"));
            // without the recorded data the simulator runs synthetic and the test skips
            if (Files.exists(LeanDay.csv(INPUT))) {
                config.put("caravan.simulator.file", INPUT.toString());
            }
            return config;
        }
    }

    @Inject
    SimulatorService simulator;
    @Inject
    TickValidator validator;
    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;

    @Test
    void barsOverTheWebSocketEqualADirectComputation() throws Exception {
        List<TestTrade> trades = LeanDay.trades();

        long sent = simulator.simulator().orElseThrow().fileReplayFinished().get(3, TimeUnit.MINUTES);
        org.junit.jupiter.api.Assertions.assertEquals(trades.size(), sent);
        Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> validator.checked() == sent && camel.getInflightRepository().size("feed-finnhub") == 0);
        // the simulator says nothing after its last trade: end of input is ours to declare, as a replay does
        clock.flush();
        sinks.awaitDrained(Duration.ofMinutes(1));

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromH2(DATA), "H2");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused, nothing duplicated");

        // every frame was recorded: the recording alone gives the same bars
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recordedTrades().size() == sent);
        OutputBars.assertSameBars(expected, ExpectedBars.compute(recordedTrades(), ExpectedBars.ALL_INTERVALS),
                "bars from the recording");
    }

    private static List<TestTrade> recordedTrades() throws IOException {
        return RecordedTrades.in(DATA.resolve("recordings/finnhub"), "finnhub");
    }
}
