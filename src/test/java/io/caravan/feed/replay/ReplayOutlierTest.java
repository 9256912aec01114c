package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A replay with one row 23 h in the future after its first 600 rows, then 600 more rows, then a real jump to the
 * next evening and one over a weekend: the outlier does not move the event clock, so no row after it is late, and
 * the real jumps are followed. Every row is in the bars (the outlier in a bar of its own, 23 h ahead).
 */
@QuarkusTest
@TestProfile(ReplayOutlierTest.Profile.class)
class ReplayOutlierTest {

    static final Path DATA = Path.of("target/test-data/replay-outlier");
    static final Path INPUT = Path.of("target/test-data/replay-outlier.csv");
    static final long HOUR = 3_600_000L;
    static final long THURSDAY = Instant.parse("2024-08-08T14:00:00Z").toEpochMilli();
    static final long FRIDAY_EVENING = Instant.parse("2024-08-09T19:50:00Z").toEpochMilli();
    static final long MONDAY = Instant.parse("2024-08-12T13:30:00Z").toEpochMilli();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            LeanTicks.writeReplayCsv(rows(), INPUT);
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", INPUT.toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv", "caravan.intervals", "1m,5m",
                    "caravan.symbols", "AAPL");
        }
    }

    /** 600 rows, the outlier, 600 rows, 300 the next evening, 300 after the weekend. */
    static List<TestTrade> rows() {
        List<TestTrade> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rows.add(row(THURSDAY + i * 1_000L, rows.size()));
        }
        rows.add(row(THURSDAY + 599_000L + 23 * HOUR, rows.size()));
        for (int i = 600; i < 1200; i++) {
            rows.add(row(THURSDAY + i * 1_000L, rows.size()));
        }
        for (int i = 0; i < 300; i++) {
            rows.add(row(FRIDAY_EVENING + i * 1_000L, rows.size()));
        }
        for (int i = 0; i < 300; i++) {
            rows.add(row(MONDAY + i * 1_000L, rows.size()));
        }
        return rows;
    }

    private static TestTrade row(long ts, int n) {
        return new TestTrade("AAPL", ts, new BigDecimal("164.0" + n % 10), new BigDecimal(n % 5 + 1), n);
    }

    @Test
    void oneRowFarAheadLeavesTheRestOfTheFileInTheBars() {
        List<TestTrade> rows = rows();
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(2));
        assertEquals(Boolean.TRUE, summary.get("ok"));
        assertEquals(Map.of(), summary.get("rejected"), "no row refused, none late");
        assertEquals(rows.size(), ((Number) summary.get("trades")).intValue());
        OutputBars.assertSameBars(ExpectedBars.compute(rows, List.of("1m", "5m")), OutputBars.fromCsv(DATA), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing in the dead letter");
    }
}
