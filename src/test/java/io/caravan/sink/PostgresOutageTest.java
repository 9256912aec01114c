package io.caravan.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.support.Await;
import io.caravan.support.Http;
import io.caravan.support.PrometheusText;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.PrivatePostgres;
import io.caravan.support.PrivatePostgresResource;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * PostgreSQL stopped for 20 s ({@code -Poutage-long}: 60 s) in the middle of a replay of real trades and started again (a private cluster: the
 * shared one must never stop), with the default retry settings: afterwards every bar is in PostgreSQL once, the CSV
 * sink beside it is unaffected, nothing is in the dead letter and the replay says ok. While it is away the sinks'
 * health says DEGRADED naming jdbc (the check stays UP) and {@code caravan_sink_failing{sink="jdbc"}} is 1.
 */
@QuarkusTest
@TestProfile(PostgresOutageTest.Profile.class)
@WithTestResource(PrivatePostgresResource.class)
class PostgresOutageTest {

    static final Path DATA = Path.of("target/test-data/postgres-outage");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 20));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,jdbc");
            // 16 hours of trades in about 50 s at 1200; -Poutage-long: 60 s away, speed 400
            config.put("caravan.replay.speed", System.getProperty("outage.speed", "1200"));
            return config;
        }
    }

    @Test
    void everyBarReachesPostgresAfterARestart() throws Exception {
        List<TestTrade> trades = LeanDay.trades(); // skips here when the recorded data is absent
        PrivatePostgres postgres = PrivatePostgresResource.postgres;
        String url = postgres.url();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> rows(url) >= 20);
        long stopped = System.nanoTime();
        postgres.stop();
        try {
            // while it is away: the sinks' health names jdbc, the metrics say it is failing and bars wait
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode sinks = sinksHealth();
                return "DEGRADED".equals(sinks.path("data").path("state").asText())
                        && "jdbc".equals(sinks.path("data").path("degraded").asText());
            });
            JsonNode sinks = sinksHealth();
            assertEquals("UP", sinks.get("status").asText(), "bars wait; the service goes on: " + sinks);
            assertTrue(sinks.get("data").get("jdbc.error").asText().contains("PSQLException"), sinks.toString());
            PrometheusText metrics = new PrometheusText(Http.text(base + "q/metrics"));
            assertEquals(1.0, metrics.sum("caravan_sink_failing", "sink", "jdbc"));
            assertEquals(0.0, metrics.sum("caravan_sink_failing", "sink", "csv"));
            // the outage itself: bars keep closing while the database is away
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
        } finally {
            postgres.start();
        }

        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(4).plus(OUTAGE.multipliedBy(3)));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(url, PrivatePostgres.user()), "PostgreSQL");
        assertEquals(expected.size(), rows(url), "one row per bar");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "no bar in the dead letter");
        assertEquals(Boolean.TRUE, summary.get("ok"), "summary: " + summary);
        assertEquals("OK", sinksHealth().get("data").get("state").asText(), "writing again");
    }

    @TestHTTPResource("/")
    URL base;

    JsonNode sinksHealth() {
        for (JsonNode check : Http.get(base + "q/health/ready").body().get("checks")) {
            if ("sinks".equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no sinks check");
    }

    static long rows(String url) throws Exception {
        try (Connection c = OutputBars.connect(url, PrivatePostgres.user()); Statement s = c.createStatement()) {
            return OutputBars.count(s, "SELECT count(*) FROM bars");
        }
    }
}
