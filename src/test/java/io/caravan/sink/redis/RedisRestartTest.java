package io.caravan.sink.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.PrivateRedis;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisTestClient;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Redis shut down for 20 s in the middle of a replay and started again (a private redis-server with its append-only
 * file), with the default retry settings: afterwards every bar is in Redis once, the CSV sink beside it unaffected,
 * nothing in the dead letter.
 */
@QuarkusTest
@TestProfile(RedisRestartTest.Profile.class)
@WithTestResource(PrivateRedis.class)
class RedisRestartTest {

    static final String PREFIX = "test:restart:";
    static final Path DATA = Path.of("target/test-data/redis-restart");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,redis");
            config.put("caravan.replay.speed", "1500"); // 16 hours of trades in about 40 s
            config.put("caravan.redis.prefix", PREFIX);
            config.put("caravan.redis.timeout", "2s");
            return config;
        }
    }

    @Test
    void everyBarReachesRedisAfterARestart() throws Exception {
        List<TestTrade> trades = LeanDay.trades(); // skips here when the recorded data is absent
        try (RedisTestClient redis = RedisTestClient.connect(PrivateRedis.URL)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> redis.keys(PREFIX + "bars:1m:*").size() >= 2);
        }
        PrivateRedis.stopServer();
        try {
            Thread.sleep(20_000); // the outage itself: bars keep closing while Redis is away
        } finally {
            PrivateRedis.startServer();
        }

        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(4));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        List<String> members = new ArrayList<>();
        try (RedisTestClient redis = RedisTestClient.connect(PrivateRedis.URL)) {
            for (String key : redis.keys(PREFIX + "bars:*")) {
                members.addAll(redis.zrange(key));
            }
        }
        OutputBars.assertSameBars(expected, RedisBars.fromJson(members, false, "Redis"), "Redis after the restart");
        assertEquals(expected.size(), members.size(), "one member per bar");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "no bar in the dead letter");
        assertEquals(Boolean.TRUE, summary.get("ok"), "summary: " + summary);
    }
}
