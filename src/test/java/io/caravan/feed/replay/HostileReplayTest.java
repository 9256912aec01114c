package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
 * 4,500 valid recorded Finnhub frames at max speed, with hostile ones interleaved (numbers no BigDecimal or long can
 * hold, a timestamp past Instant's range, a million-digit price, a frame whose one trade is hostile): every valid
 * trade's volume is in the bars, each hostile trade is one bounded dead-letter record of its own, and the summary is
 * ok (refusals by the rules are expected; none is an unexpected error).
 */
@QuarkusTest
@TestProfile(HostileReplayTest.Profile.class)
class HostileReplayTest {

    static final Path DATA = Path.of("target/test-data/hostile-replay");
    static final Path INPUT = Path.of("target/test-data/hostile-replay.txt");
    static final int VALID = 4_500;
    static final long START = 1_704_189_600_000L; // 2024-01-02T10:00:00Z
    /** hostile trade → the reason it must be refused with */
    static final Map<String, String> HOSTILE = new TreeMap<>();
    static {
        HOSTILE.put("{\"p\":1e2147483647,\"s\":\"A\",\"t\":%d,\"v\":1}", "not a number");
        HOSTILE.put("{\"p\":1.5,\"s\":\"A\",\"t\":%d,\"v\":1e777777777000}", "not a number");
        HOSTILE.put("{\"p\":1e-2147483648,\"s\":\"A\",\"t\":%d,\"v\":1}", "not a number");
        HOSTILE.put("{\"p\":1.5,\"s\":\"A\",\"t\":\"+999999999-12-31T23:59:59Z\",\"v\":1,\"x\":%d}", "bad timestamp");
        HOSTILE.put("{\"p\":\"" + "9".repeat(1_000_000) + "\",\"s\":\"A\",\"t\":%d,\"v\":1}", "not a number");
    }
    static BigDecimal expectedVolume = BigDecimal.ZERO;
    static int hostileTrades;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Random random = new Random(42);
            List<String> hostile = new ArrayList<>(HOSTILE.keySet());
            StringBuilder lines = new StringBuilder();
            long ns = START * 1_000_000L;
            BigDecimal volume = BigDecimal.ZERO;
            int bad = 0;
            for (int i = 0; i < VALID; i++) {
                long t = START + i * 100L;
                int size = 1 + random.nextInt(9);
                String good = "{\"p\":" + (100 + random.nextInt(50)) + "." + random.nextInt(100) + ",\"s\":\""
                        + (i % 2 == 0 ? "A" : "B") + "\",\"t\":" + t + ",\"v\":" + size + "}";
                volume = volume.add(BigDecimal.valueOf(size));
                String frame;
                if (i % 300 == 150) {
                    // a hostile trade in its own frame
                    frame = "[" + String.format(hostile.get(bad++ % hostile.size()), t) + "]";
                    lines.append(ns += 1000).append(" {\"type\":\"trade\",\"data\":").append(frame).append("}\n");
                    frame = "[" + good + "]";
                } else if (i % 300 == 250) {
                    // one hostile trade next to a good one in the same frame, and an element that is no trade
                    frame = "[" + good + "," + String.format(hostile.get(bad++ % hostile.size()), t) + ",42]";
                    bad++;
                } else {
                    frame = "[" + good + "]";
                }
                lines.append(ns += 1000).append(" {\"type\":\"trade\",\"data\":").append(frame).append("}\n");
            }
            expectedVolume = volume;
            hostileTrades = bad;
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
    void everyValidTradeIsInTheBarsAndEachHostileOneIsABoundedRecord() throws Exception {
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(2));

        BigDecimal volume = OutputBars.fromCsv(DATA).values().stream().map(ExpectedBar::volume)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, expectedVolume.compareTo(volume), "volume in bars " + volume + ", of valid trades " + expectedVolume);

        List<JsonNode> records = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
                for (String line : Files.readAllLines(f)) {
                    records.add(new ObjectMapper().readTree(line));
                }
            }
        }
        assertEquals(hostileTrades, records.size(), "one record per hostile trade or element");
        for (JsonNode r : records) {
            assertTrue(Set.of("not a number", "bad timestamp", "malformed").contains(r.get("reason").asText()),
                    r.get("reason") + ": " + r.get("detail"));
            assertTrue(r.get("raw").asText().length() <= 8_192, "raw of " + r.get("raw").asText().length());
        }
        assertTrue(records.stream().anyMatch(r -> r.path("rawLength").asLong() > 1_000_000), "the million-digit trade's length");
        assertTrue(bytes < 200_000, "dead letter of " + bytes + " bytes");
        assertEquals(Boolean.TRUE, summary.get("ok"), summary.toString());
        assertEquals(0L, ((Number) summary.get("errors")).longValue(), summary.toString());
    }
}
