package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every kind of bad input lands in the dead letter with its reason and raw text, the good rows around it still make
 * bars, and a symbol that looks like a path stays inside the data directory.
 */
@QuarkusTest
@TestProfile(DeadLetterTest.Profile.class)
class DeadLetterTest {

    static final Path DATA = Path.of("target/test-data/dead-letter");
    static final Path INPUT = Path.of("target/test-data/dead-letter-input.csv");

    /** raw line → reason it must be refused with; null = accepted. Order is file order. */
    static final Map<String, String> ROWS = new LinkedHashMap<>();
    static {
        ROWS.put("2024-01-02T10:00:00Z,OK,10.00,5,1", null);
        ROWS.put("2024-01-02T10:00:01Z,OK,abc,5,2", "not a number");
        ROWS.put("2024-01-02T10:00:02Z,OK,0,5,3", "non-positive price");
        ROWS.put("2024-01-02T10:00:03Z,OK,10.00,-1,4", "negative size");
        ROWS.put("yesterday,OK,10.00,1,5", "bad timestamp");
        ROWS.put("2024-01-02T10:00:04Z,,10.00,1,6", "missing field");
        ROWS.put("2024-01-02T10:00:05Z,OK,10.10,2,1", "duplicate");
        ROWS.put("2024-01-02T10:00:06Z,../../escape,1.50,3,10", null);
        ROWS.put("2024-01-02T12:00:00Z,OK,11.00,1,7", null);
        ROWS.put("2024-01-02T10:00:30Z,OK,10.50,1,8", "late");
        ROWS.put("2024-01-02T12:00:01Z,A|B,11.00,1,9", "bad symbol");
        ROWS.put("garbage", "malformed");
        ROWS.put("2024-01-02T12:00:02Z,OK,11.50,0,11", null);
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            try {
                Files.createDirectories(INPUT.getParent());
                Files.writeString(INPUT, "timestamp,symbol,price,size,trade_id\n" + String.join("\n", ROWS.keySet()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the file jumps two hours ahead and then back: with the default 1 h a lone jump waits for a second
            // trade to confirm it (an outlier must not make the rest of a file late), and the row after it would
            // not be late
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", INPUT.toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv", "caravan.intervals", "1m,1h",
                    "caravan.bars.max-clock-jump", "3h");
        }
    }

    @Test
    void everyRefusalIsRecordedWithItsReasonAndTheGoodRowsMakeBars() throws Exception {
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(1));
        assertEquals(ROWS.size(), ((Number) summary.get("lines")).intValue());
        assertEquals(ROWS.size() - 1, ((Number) summary.get("trades")).intValue(), "all but the garbage line are trades");

        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    records.add(new ObjectMapper().readTree(line));
                }
            }
        }
        Map<String, String> refused = new LinkedHashMap<>();
        ROWS.forEach((raw, reason) -> {
            if (reason != null) {
                refused.put(raw, reason);
            }
        });
        assertEquals(refused.size(), records.size(), "one record per refused row: " + records);
        for (JsonNode r : records) {
            String raw = r.get("raw").asText();
            String expectedReason = refused.get(raw);
            assertEquals(expectedReason, r.get("reason").asText(), "reason for " + raw);
            assertEquals("feed-replay", r.get("feed").asText());
            assertTrue(r.hasNonNull("time") && r.hasNonNull("detail"), r.toString());
        }

        var bars = OutputBars.fromCsv(DATA);
        assertEquals(6, bars.size(), bars.toString());
        var first = bars.get("OK|1m|2024-01-02T10:00:00Z");
        assertEquals(0, first.open().compareTo(new java.math.BigDecimal("10.00")));
        assertEquals(5, first.volume().intValue());
        assertEquals(1, first.trades(), "the duplicate and the late tick did not count");
        var noon = bars.get("OK|1m|2024-01-02T12:00:00Z");
        assertEquals(2, noon.trades(), "a zero-size trade counts as a trade");
        assertEquals(0, noon.close().compareTo(new java.math.BigDecimal("11.50")), "and moves the close");

        // read back from bars/1m, whose file names decode to the symbols: the path-like symbol stayed inside
        assertTrue(bars.containsKey("../../escape|1m|2024-01-02T10:00:00Z"), bars.keySet().toString());
        try (Stream<Path> all = Files.walk(Path.of("target"))) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith("escape_")), "nothing written outside");
        }
    }
}
