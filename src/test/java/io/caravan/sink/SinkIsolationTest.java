package io.caravan.sink;

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
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The database is unreachable for the whole run: the CSV sink still gets every bar, and every bar the JDBC sink
 * could not write within {@code give-up-after} is in the bar dead letter with the sink and the reason. Nothing is lost.
 */
@QuarkusTest
@TestProfile(SinkIsolationTest.Profile.class)
class SinkIsolationTest {

    static final Path DATA = Path.of("target/test-data/sink-isolation");
    static final Path INPUT = Path.of("target/test-data/sink-isolation.csv");

    static List<TestTrade> trades() {
        Random random = new Random(7);
        List<TestTrade> trades = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (int i = 0; i < 600; i++) {
            String symbol = List.of("AAA", "BBB", "CCC").get(random.nextInt(3));
            trades.add(new TestTrade(symbol, start + i * 1_000L, BigDecimal.valueOf(10_000 + random.nextInt(500), 2),
                    BigDecimal.valueOf(1 + random.nextInt(300)), i));
        }
        return trades;
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            LeanTicks.writeReplayCsv(trades(), INPUT);
            Map<String, String> config = new TreeMap<>();
            config.put("caravan.feeds", "replay");
            config.put("caravan.replay.file", INPUT.toString());
            config.put("caravan.data-dir", DATA.toString());
            config.put("caravan.sinks", "csv,jdbc");
            config.put("caravan.jdbc.url", "jdbc:postgresql://127.0.0.1:1/unreachable");
            config.put("caravan.sink-retry.max-redeliveries", "2");
            config.put("caravan.sink-retry.initial-delay", "10ms");
            config.put("caravan.sink-retry.max-delay", "20ms");
            // a database away is waited for; this one never comes, so its bars are given up after a while
            config.put("caravan.sink-retry.give-up-after", "200ms");
            return config;
        }
    }

    @Test
    void aDeadDatabaseDelaysNothingElseAndLosesNoBar() throws Exception {
        Await.replaySummary(DATA, Duration.ofMinutes(2));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades(), ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");

        List<JsonNode> deadBars = new ArrayList<>();
        try (var files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bars-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    deadBars.add(new ObjectMapper().readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(expected.size(), deadBars.size(), "every bar the database missed is in the dead letter");
        Map<String, ExpectedBar> fromDeadLetter = new TreeMap<>();
        for (JsonNode record : deadBars) {
            assertEquals("jdbc", record.get("sink").asText());
            assertTrue(record.get("reason").asText().contains("SQLException"), record.get("reason").asText());
            JsonNode b = record.get("bar");
            fromDeadLetter.put(ExpectedBars.key(b.get("symbol").asText(), b.get("interval").asText(),
                    java.time.Instant.parse(b.get("open_time").asText())),
                    new ExpectedBar(new BigDecimal(b.get("open").asText()), new BigDecimal(b.get("high").asText()),
                            new BigDecimal(b.get("low").asText()), new BigDecimal(b.get("close").asText()),
                            new BigDecimal(b.get("volume").asText()), new BigDecimal(b.get("vwap").asText()),
                            b.get("trade_count").asLong()));
        }
        OutputBars.assertSameBars(expected, fromDeadLetter, "bar dead letter");
    }
}
