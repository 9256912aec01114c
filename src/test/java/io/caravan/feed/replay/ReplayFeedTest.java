package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Real trades (AIG and BAC, 2013-10-07) through the replay feed: every bar of every interval, in CSV and in the
 * database, equals the bars computed directly from the same trades.
 */
@QuarkusTest
@TestProfile(ReplayFeedTest.Profile.class)
class ReplayFeedTest {

    static final Path DATA = Path.of("target/test-data/replay-feed");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", LeanDay.csv(INPUT).toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv,jdbc",
                    "caravan.symbols", String.join(",", LeanDay.SYMBOLS));
        }
    }

    @Test
    void everyBarEqualsADirectComputationFromTheTrades() throws Exception {
        List<TestTrade> trades = LeanDay.trades();
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(Boolean.TRUE, summary.get("ok"));
        assertEquals(trades.size(), ((Number) summary.get("trades")).intValue());

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromH2(DATA), "H2");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "no trade of a clean file is rejected");
    }
}
