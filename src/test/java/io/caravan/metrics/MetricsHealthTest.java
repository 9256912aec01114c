package io.caravan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.caravan.support.Http;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.PrometheusText;
import io.caravan.support.RedisProxyResource;
import io.caravan.support.RedisTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /q/metrics} and {@code /q/health} over HTTP, with the simulator's Finnhub and Binance dialects trading, a
 * replay file with refused rows, sinks csv, jdbc (H2), redis (through a proxy the test can cut) and a user sink
 * that cannot write. Every caravan metric the README names gets a non-zero value from real traffic; health is UP
 * for both feeds, Redis and the database, goes DOWN with Redis cut off while the Redis sink's queue fills, and comes
 * back UP with the queue drained.
 */
@QuarkusTest
@TestProfile(MetricsHealthTest.Profile.class)
@WithTestResource(RedisProxyResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsHealthTest {

    static final Path DATA = Path.of("target/test-data/metrics-health");
    static final int SIMULATOR_PORT = 18785;
    static final String PREFIX = "test:metrics:";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(LiveFeedSettings.against(SIMULATOR_PORT, DATA,
                    Map.of("caravan.bars.grace", "200ms", "caravan.sinks", "csv,jdbc,redis,broken")));
            Path replay = DATA.resolve("refused.csv");
            try {
                Files.createDirectories(DATA);
                // an old trade (late: its bucket closed long ago on the wall clock) and a price that is no number
                Files.writeString(replay, "timestamp,symbol,price,size\n1381152600000,OLD,10.5,1\n1381152600000,BAD,abc,1\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("caravan.feeds", "simulator,binance,replay");
            config.put("caravan.replay.file", replay.toString());
            config.put("caravan.feed.simulator.symbols", "AAA,BBB");
            config.put("caravan.feed.binance.symbols", "BTCUSDT");
            config.put("caravan.binance.reconnect-initial-delay", "200");
            config.put("caravan.redis.prefix", PREFIX);
            config.put("caravan.redis.timeout", "1s");
            config.put("caravan.sink.redis.max-redeliveries", "100");
            config.put("caravan.sink.redis.initial-delay", "100ms");
            config.put("caravan.sink.redis.max-delay", "500ms");
            // nothing listens on port 1: every bar of this sink fails at once
            config.put("caravan.sink.broken.uri", "http://127.0.0.1:1/bars");
            config.put("caravan.sink.broken.max-redeliveries", "0");
            config.put("caravan.health.stale-after", "10s");
            config.putAll(extraConfig());
            return config;
        }

        protected Map<String, String> extraConfig() {
            return Map.of();
        }
    }

    @TestHTTPResource("/")
    URL base;

    @AfterAll
    static void deleteKeys() {
        try (RedisTestClient redis = RedisTestClient.connect()) {
            redis.deleteKeys(PREFIX + "*");
        }
    }

    PrometheusText metrics() {
        return new PrometheusText(Http.text(base + "q/metrics"));
    }

    @Test
    @Order(1)
    void metricsCountTicksRefusalsBarsAndLatencies() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            PrometheusText m = metrics();
            return m.sum("caravan_ticks_received_total", "feed", "finnhub") > 0
                    && m.sum("caravan_ticks_received_total", "feed", "binance") > 0
                    && m.sum("caravan_bars_written_total", "sink", "redis", "interval", "5s") > 0
                    && m.sum("caravan_bars_written_total", "sink", "jdbc", "interval", "5s") > 0
                    && m.sum("caravan_sink_failures_total", "sink", "broken", "reason", "write failed") > 0;
        });
        PrometheusText m = metrics();
        assertTrue(m.sum("caravan_ticks_received_total", "feed", "replay") >= 1, "the replay's old trade was valid");
        assertTrue(m.sum("caravan_ticks_rejected_total", "reason", "late") >= 1, "the replay's old trade was late");
        assertTrue(m.sum("caravan_ticks_rejected_total", "reason", "not a number") >= 1, "price abc was refused");
        for (String interval : new String[] { "1s", "5s" }) {
            assertTrue(m.sum("caravan_bars_written_total", "sink", "csv", "interval", interval) > 0, interval);
            assertTrue(m.sum("caravan_bar_close_latency_seconds_count", "interval", interval) > 0, interval);
        }
        assertEquals(0, m.sum("caravan_bars_written_total", "sink", "broken"), "the broken sink wrote nothing");
        for (String feed : new String[] { "finnhub", "binance" }) {
            assertTrue(m.sum("caravan_tick_receive_lag_seconds_count", "feed", feed) > 0, feed);
            assertTrue(m.has("caravan_tick_receive_lag_seconds_bucket", "feed", feed), feed + " is a histogram");
            assertEquals(1, m.sum("caravan_feed_connected", "feed", feed), feed + " connected");
        }
        assertTrue(!m.has("caravan_tick_receive_lag_seconds_count", "feed", "replay"), "no lag for a replay");
        assertTrue(m.sum("caravan_bar_write_latency_seconds_count", "sink", "csv") > 0);
        assertTrue(m.has("caravan_bar_write_latency_seconds_bucket", "sink", "redis"));
        assertTrue(m.has("caravan_sink_backlog", "sink", "redis"));
        assertTrue(m.has("caravan_sink_failures_total", "sink", "csv", "reason", "queue full"));
        // 1 s bars close at most 1 s + grace after their first trade; handed to the sinks well within a few seconds
        double closeSeconds = m.sum("caravan_bar_close_latency_seconds_sum", "interval", "1s")
                / m.sum("caravan_bar_close_latency_seconds_count", "interval", "1s");
        assertTrue(closeSeconds < 5, "mean due → handed to the sinks " + closeSeconds + " s");
    }

    @Test
    @Order(2)
    void aDroppedBinanceConnectionIsCountedAndReconnected() {
        Http.Answer answer = Http.post("http://127.0.0.1:" + SIMULATOR_PORT + "/sim/binance/shutdown", "");
        assertEquals(200, answer.status());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            PrometheusText m = metrics();
            return m.sum("caravan_feed_reconnects_total", "feed", "binance") >= 1
                    && m.sum("caravan_feed_disconnects_total", "feed", "binance") >= 1
                    && m.sum("caravan_feed_connected", "feed", "binance") == 1;
        });
        assertEquals(0, metrics().sum("caravan_feed_reconnects_total", "feed", "finnhub"));
    }

    @Test
    @Order(3)
    void healthIsUpForFeedsRedisAndDatabase() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(base + "q/health").status() == 200);
        JsonNode health = Http.get(base + "q/health").body();
        assertEquals("UP", health.get("status").asText(), health.toString());
        Map<String, JsonNode> checks = checks(health);
        for (String name : new String[] { "feed finnhub", "feed binance", "redis", "database" }) {
            assertTrue(checks.containsKey(name), name + " in " + health);
            assertEquals("UP", checks.get(name).get("status").asText(), name);
        }
        assertEquals("connected", checks.get("feed finnhub").get("data").get("state").asText());
        assertTrue(!checks.containsKey("redis pubsub"), "pubsub is not among the sinks: not checked");
        assertEquals(200, Http.get(base + "q/health/ready").status());
    }

    @Test
    @Order(4)
    void redisCutOffTurnsHealthDownAndItsBarsWait() {
        RedisProxyResource.proxy.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Http.get(base + "q/health").status() == 503
                            && metrics().sum("caravan_sink_backlog", "sink", "redis") > 0);
            JsonNode health = Http.get(base + "q/health").body();
            assertEquals("DOWN", health.get("status").asText());
            Map<String, JsonNode> checks = checks(health);
            assertEquals("DOWN", checks.get("redis").get("status").asText(), health.toString());
            assertEquals("UP", checks.get("feed finnhub").get("status").asText(), "the feeds are not affected");
            assertEquals("UP", checks.get("database").get("status").asText());
        } finally {
            RedisProxyResource.proxy.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(base + "q/health").status() == 200
                        && metrics().sum("caravan_sink_backlog", "sink", "redis") == 0);
    }

    @Test
    @Order(5)
    void everyMetricTheGrafanaDashboardQueriesIsServed() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/caravan-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher m = Pattern.compile("caravan_[a-z_]+").matcher(target.get("expr").asText());
            while (m.find()) {
                queried.add(m.group());
            }
        }));
        assertTrue(queried.size() >= 10, "the dashboard queries caravan's metrics: " + queried);
        Set<String> served = metrics().names();
        for (String name : queried) {
            assertTrue(served.contains(name), name + " is queried by the dashboard but not in /q/metrics");
        }
    }

    static Map<String, JsonNode> checks(JsonNode health) {
        Map<String, JsonNode> checks = new HashMap<>();
        health.get("checks").forEach(check -> checks.put(check.get("name").asText(), check));
        return checks;
    }
}
