package io.caravan.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.Await;
import io.caravan.support.Http;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A bar PostgreSQL refuses on its merits (here a CHECK constraint of the table that two bars violate) goes to the bar
 * dead letter with PostgreSQL's message, at once; every other bar, including those of the same batch, is written; the
 * replay's summary counts it for the jdbc sink and says {@code ok:false}. After the schema is fixed, a re-drive of the
 * dead letter through the jdbc sink writes them; a second re-drive finds nothing and changes nothing.
 */
@QuarkusTest
@TestProfile(PostgresRefusalTest.Profile.class)
class PostgresRefusalTest {

    static final String SCHEMA = "caravan_refusal_test";
    static final Path DATA = Path.of("target/test-data/postgres-refusal");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");
    static final List<String> REFUSED = List.of(ExpectedBars.key("BAC", "1h", Instant.parse("2013-10-07T14:00:00Z")),
            ExpectedBars.key("AIG", "1m", Instant.parse("2013-10-07T15:31:00Z")));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            String url = PostgresSchema.fresh(SCHEMA);
            try (Connection c = OutputBars.connect(url, PostgresSchema.USER); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bars (symbol VARCHAR(64) NOT NULL, \"interval\" VARCHAR(8) NOT NULL, "
                        + "open_time TIMESTAMP WITH TIME ZONE NOT NULL, open NUMERIC NOT NULL, high NUMERIC NOT NULL, "
                        + "low NUMERIC NOT NULL, close NUMERIC NOT NULL, volume NUMERIC NOT NULL, vwap NUMERIC, "
                        + "trade_count BIGINT, quality VARCHAR(16) NOT NULL DEFAULT 'live', "
                        + "revision INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (symbol, \"interval\", open_time), "
                        + "CONSTRAINT not_these_two CHECK (NOT ("
                        + "symbol = 'BAC' AND \"interval\" = '1h' AND open_time = '2013-10-07T14:00:00Z' OR "
                        + "symbol = 'AIG' AND \"interval\" = '1m' AND open_time = '2013-10-07T15:31:00Z')))");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,jdbc");
            config.put("caravan.replay.speed", "max"); // big batches: the refused bars have neighbours in theirs
            config.put("caravan.jdbc.url", url);
            config.put("caravan.jdbc.username", PostgresSchema.USER);
            return config;
        }
    }

    @TestHTTPResource("/api/dead-letter/bars/redrive")
    URL redrive;

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedBarGoesToTheDeadLetterAloneAndIsReDrivenAfterTheSchemaFix() throws Exception {
        List<TestTrade> trades = LeanDay.trades(); // skips here when the recorded data is absent
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");

        Map<String, ExpectedBar> written = new TreeMap<>(expected);
        REFUSED.forEach(key -> assertTrue(written.remove(key) != null, key + " is a bar of the day"));
        OutputBars.assertSameBars(written, OutputBars.fromJdbc(PostgresSchema.url(SCHEMA), PostgresSchema.USER),
                "PostgreSQL");

        List<Map<String, Object>> records = deadLetterRecords();
        assertEquals(2, records.size(), "dead letter: " + records);
        for (Map<String, Object> record : records) {
            assertEquals("jdbc", record.get("sink"));
            assertTrue(String.valueOf(record.get("reason")).contains("not_these_two"), "the database's message: " + record);
        }

        assertEquals(Boolean.FALSE, summary.get("ok"), "summary: " + summary);
        Map<String, Map<String, Number>> sinks = (Map<String, Map<String, Number>>) summary.get("sinks");
        assertEquals(2, sinks.get("jdbc").get("deadLettered").intValue(), "summary: " + summary);
        assertEquals(expected.size() - 2, sinks.get("jdbc").get("written").intValue(), "summary: " + summary);
        assertEquals(0, sinks.get("csv").get("deadLettered").intValue(), "summary: " + summary);
        assertEquals(expected.size(), sinks.get("csv").get("written").intValue(), "summary: " + summary);

        String url = PostgresSchema.url(SCHEMA);
        try (Connection c = OutputBars.connect(url, PostgresSchema.USER); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE bars DROP CONSTRAINT not_these_two"); // the schema fix
        }
        Http.Answer first = Http.post(redrive + "?sinks=jdbc", "{}");
        assertEquals(200, first.status(), first.body().toString());
        assertEquals(2, first.body().get("redriven").get("jdbc").asInt(), first.body().toString());
        await().atMost(Duration.ofMinutes(1)).until(() -> OutputBars.fromJdbc(url, PostgresSchema.USER).size() == expected.size());
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(url, PostgresSchema.USER), "PostgreSQL after the re-drive");
        assertEquals(List.of(), deadLetterRecords(), "the dead letter is empty");

        Http.Answer again = Http.post(redrive + "?sinks=jdbc", "{}");
        assertEquals(0, again.body().get("redriven").get("jdbc").asInt(), again.body().toString());
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(url, PostgresSchema.USER), "PostgreSQL after a second re-drive");
        assertEquals(400, Http.post(redrive + "?sinks=nosuch", "{}").status(), "an unknown sink is refused");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deadLetterRecords() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        try (var files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("bars-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    records.add(new ObjectMapper().readValue(line, Map.class));
                }
            }
        }
        return records;
    }
}
