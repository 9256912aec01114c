package io.caravan.sink.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.caravan.sink.Sinks;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisProxyResource;
import io.caravan.support.RedisTestClient;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Redis goes away in the middle of a replay of real trades and comes back: its connections are cut and refused for
 * a few seconds (a proxy in front of the real Redis stops), bars wait in the Redis sink's queue (visible as its
 * backlog) while the CSV sink carries on; later Redis kills every client connection ({@code CLIENT KILL}). After
 * recovery every bar is in Redis and nothing is in the dead letter.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.Profile.class)
@WithTestResource(RedisProxyResource.class)
class RedisOutageTest {

    static final String PREFIX = "test:outage:";
    static final Path DATA = Path.of("target/test-data/redis-outage");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            try (RedisTestClient redis = RedisTestClient.connect()) {
                redis.deleteKeys(PREFIX + "*");
            }
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,redis");
            config.put("caravan.replay.speed", "3000"); // 16 hours of trades in about 20 s
            config.put("caravan.redis.prefix", PREFIX);
            config.put("caravan.redis.timeout", "2s");
            // a retry budget longer than the outage: about 30 s
            config.put("caravan.sink.redis.max-redeliveries", "40");
            config.put("caravan.sink.redis.initial-delay", "100ms");
            config.put("caravan.sink.redis.max-delay", "1s");
            return config;
        }
    }

    @Inject
    Sinks sinks;
    @Inject
    CamelContext camel;

    @Test
    void everyBarReachesRedisAfterItComesBack() throws Exception {
        List<TestTrade> trades = LeanDay.trades(); // skips here when the recorded data is absent
        try (RedisTestClient redis = RedisTestClient.connect()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> !redis.keys(PREFIX + "bars:1m:*").isEmpty());
            RedisProxyResource.proxy.stop();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> sinks.backlog(camel).get(Sinks.REDIS) > 0);
                Thread.sleep(3_000); // hold the outage while bars keep closing
            } finally {
                RedisProxyResource.proxy.start();
            }
            // then Redis drops every client connection while bars are still coming
            int before = redis.keys(PREFIX + "bars:1m:*").size();
            await().atMost(Duration.ofSeconds(30)).until(() -> sinks.backlog(camel).get(Sinks.REDIS) == 0);
            long killed = redis.send("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes").toLong();
            assertTrue(killed > 0, "caravan's connections were killed");
            assertTrue(before > 0);

            Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
            assertEquals(Boolean.TRUE, summary.get("ok"), "the sinks drained after the outage: " + summary + "; "
                    + Await.deadLetters(DATA));
            Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
            OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");

            List<String> members = new ArrayList<>();
            for (String key : redis.keys(PREFIX + "bars:*")) {
                members.addAll(redis.zrange(key));
            }
            OutputBars.assertSameBars(expected, RedisBars.fromJson(members, false, "Redis"), "Redis after the outage");
            assertEquals(0, sinks.backlog(camel).get(Sinks.REDIS));
            assertTrue(redis.hgetall(PREFIX + "quote:AIG").containsKey("price"), "quotes resumed too");
        }
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "no bar given up");
    }
}
