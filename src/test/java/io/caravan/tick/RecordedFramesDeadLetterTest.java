package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Recorded Finnhub frames with trouble in them: a frame delivered twice, a trade frame with one bad trade among good
 * ones, an error message, broken JSON and pings. Each problem is one dead-letter record; the good trades still make
 * their bar.
 */
@QuarkusTest
@TestProfile(RecordedFramesDeadLetterTest.Profile.class)
class RecordedFramesDeadLetterTest {

    static final Path DATA = Path.of("target/test-data/frames-dead-letter");
    static final Path INPUT = Path.of("target/test-data/frames-dead-letter.txt");
    static final String GOOD = "{\"data\":[{\"c\":[\"1\"],\"p\":164.0601,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":5},"
            + "{\"c\":[\"1\"],\"p\":164.06,\"s\":\"AAPL\",\"t\":1680286538064,\"v\":142}],\"type\":\"trade\"}";
    static final String MIXED = "{\"data\":[{\"p\":164.10,\"s\":\"AAPL\",\"t\":1680286539000,\"v\":10},"
            + "{\"p\":\"oops\",\"s\":\"AAPL\",\"t\":1680286539001,\"v\":1},"
            + "{\"p\":163.90,\"s\":\"AAPL\",\"t\":1680286539002,\"v\":20}],\"type\":\"trade\"}";
    static final String ERROR = "{\"msg\":\"Subscribing to too many symbols\",\"type\":\"error\"}";
    static final String BROKEN = "{\"data\":[{\"p\":1";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            List<String> frames = List.of("{\"type\":\"ping\"}", GOOD, GOOD, MIXED, ERROR, BROKEN, "{\"type\":\"ping\"}");
            StringBuilder lines = new StringBuilder();
            long ns = 1_680_286_537_600_000_000L;
            for (String frame : frames) {
                lines.append(ns += 100_000_000L).append(' ').append(frame).append('\n');
            }
            try {
                Files.createDirectories(INPUT.getParent());
                Files.writeString(INPUT, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", INPUT.toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv", "caravan.intervals", "1m");
        }
    }

    @Test
    void eachProblemIsOneRecordAndTheGoodTradesMakeTheBar() throws Exception {
        Await.replaySummary(DATA, Duration.ofMinutes(1));
        Map<String, String> reasons = new TreeMap<>();
        for (String line : Files.readAllLines(Files.list(DATA.resolve("dead-letter")).findFirst().orElseThrow())) {
            JsonNode record = new ObjectMapper().readTree(line);
            reasons.merge(record.get("reason").asText(), record.get("raw").asText(), (a, b) -> a + " | " + b);
        }
        assertEquals(java.util.Set.of("duplicate", "not a number", "provider error", "malformed"), reasons.keySet());
        assertEquals("{\"p\":\"oops\",\"s\":\"AAPL\",\"t\":1680286539001,\"v\":1}", reasons.get("not a number"),
                "only the bad trade of the mixed frame");
        assertEquals("{\"c\":[\"1\"],\"p\":164.0601,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":5} | "
                + "{\"c\":[\"1\"],\"p\":164.06,\"s\":\"AAPL\",\"t\":1680286538064,\"v\":142}", reasons.get("duplicate"),
                "both trades of the repeated frame");
        assertEquals(ERROR, reasons.get("provider error"));
        // a line in no known format is kept whole, receive time included
        assertEquals(true, reasons.get("malformed").matches("\\d+ \\Q" + BROKEN + "\\E"), reasons.get("malformed"));

        ExpectedBar bar = OutputBars.fromCsv(DATA).get("AAPL|1m|2023-03-31T18:15:00Z");
        assertEquals(new ExpectedBar(new BigDecimal("164.0601"), new BigDecimal("164.10"), new BigDecimal("163.90"),
                new BigDecimal("163.90"), new BigDecimal("177"), bar.vwap(), 4).toString(), bar.toString());
        // (164.0601*5 + 164.06*142 + 164.10*10 + 163.90*20) / 177
        assertEquals(0, bar.vwap().compareTo(new BigDecimal("164.0441836158")), bar.vwap().toString());
    }
}
