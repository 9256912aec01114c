package io.caravan.sink.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.Bar;
import io.caravan.bar.Interval;
import io.caravan.quote.Quote;
import io.caravan.sink.BarFields;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.redis.client.Redis;

/** The Redis writers against the real Redis: what they guard, replace and trim. */
@QuarkusTest
@TestProfile(RedisWritersTest.Profile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisWritersTest {

    static final String PREFIX = "test:writers:";
    static final long T0 = Instant.parse("2024-05-06T14:00:00Z").toEpochMilli();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caravan.feeds", "none", "caravan.sinks", "redis", "caravan.redis.url", RedisTestClient.URL,
                    "caravan.redis.prefix", PREFIX, "caravan.redis.retention", "5",
                    "caravan.data-dir", "target/test-data/redis-writers");
        }
    }

    @Inject
    RedisBarWriter bars;
    @Inject
    RedisQuoteWriter quotes;
    @Inject
    Redis client;
    @Inject
    BarFields fields;
    @Inject
    ObjectMapper json;

    private RedisTestClient redis;

    @BeforeAll
    void connect() {
        redis = RedisTestClient.connect();
    }

    @AfterAll
    void close() {
        redis.close();
    }

    @BeforeEach
    void clean() {
        redis.deleteKeys(PREFIX + "*");
    }

    private static Bar bar(String symbol, long open, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(symbol, Interval.parse("1m"), open, new BigDecimal("10"), c.max(BigDecimal.TEN),
                c.min(BigDecimal.TEN), c, new BigDecimal("3"), c.multiply(new BigDecimal("3")), c, 2L);
    }

    @Test
    void anOlderBarNeverReplacesTheLatestButJoinsTheSeries() throws Exception {
        bars.write(List.of(bar("AAPL", T0 + 60_000, "12")));
        bars.write(List.of(bar("AAPL", T0, "11")));
        Map<String, String> latest = redis.hgetall(PREFIX + "bar:1m:AAPL");
        assertEquals(String.valueOf(T0 + 60_000), latest.get("open_time_ms"));
        assertEquals("12", latest.get("close"));
        assertEquals(2, redis.zrange(PREFIX + "bars:1m:AAPL").size());
    }

    @Test
    void aRewrittenBarReplacesItsMemberAndItsHash() throws Exception {
        bars.write(List.of(bar("AAPL", T0, "11")));
        bars.write(List.of(bar("AAPL", T0, "13"))); // a revision of the same minute
        List<String> series = redis.zrange(PREFIX + "bars:1m:AAPL");
        assertEquals(1, series.size(), "one member per open time: " + series);
        assertEquals("13", RedisBars.parse(series.get(0)).get("close").asText());
        assertEquals("13", redis.hgetall(PREFIX + "bar:1m:AAPL").get("close"));
    }

    @Test
    void aBarWithoutVwapLeavesNoStaleVwapInTheHash() throws Exception {
        bars.write(List.of(bar("AAPL", T0, "11")));
        Bar zeroVolume = new Bar("AAPL", Interval.parse("1m"), T0 + 60_000, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, null, 1L);
        bars.write(List.of(zeroVolume));
        assertFalse(redis.hgetall(PREFIX + "bar:1m:AAPL").containsKey("vwap"));
    }

    @Test
    void aBatchLongerThanThePipelineIsWrittenWhole() throws Exception {
        RedisBarWriter threeAtATime = new RedisBarWriter(client, new RedisKeys(PREFIX), fields, json,
                RedisRetention.parse("100"), Duration.ofSeconds(5), 3);
        List<Bar> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(bar("ORCL", T0 + i * 60_000L, "2" + i));
        }
        threeAtATime.write(batch);
        List<String> series = redis.zrange(PREFIX + "bars:1m:ORCL");
        assertEquals(10, series.size(), series.toString());
        assertEquals("29", redis.hgetall(PREFIX + "bar:1m:ORCL").get("close"));
    }

    @Test
    void countRetentionKeepsTheNewestBars() throws Exception {
        List<Bar> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(bar("MSFT", T0 + i * 60_000L, "1" + i));
        }
        bars.write(batch);
        List<String> series = redis.zrange(PREFIX + "bars:1m:MSFT");
        assertEquals(5, series.size());
        assertEquals(T0 + 7 * 60_000L, RedisBars.parse(series.get(0)).get("open_time_ms").asLong());
    }

    @Test
    void ageRetentionCountsBackFromTheNewestBarNotTheClock() throws Exception {
        RedisBarWriter byAge = new RedisBarWriter(client, new RedisKeys(PREFIX), fields, json,
                RedisRetention.parse("3m"), Duration.ofSeconds(5), 1000);
        List<Bar> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(bar("IBM", T0 + i * 60_000L, "1" + i)); // 2024: years before the clock
        }
        byAge.write(batch);
        List<String> series = redis.zrange(PREFIX + "bars:1m:IBM");
        // newest opens at T0+9m; kept: opens at or after T0+6m
        assertEquals(4, series.size(), series.toString());
        assertEquals(T0 + 6 * 60_000L, RedisBars.parse(series.get(0)).get("open_time_ms").asLong());
    }

    @Test
    void scriptsForgottenByRedisAreLoadedAgain() throws Exception {
        redis.send("SCRIPT", "FLUSH"); // what a Redis restart does
        bars.write(List.of(bar("AAPL", T0, "11")));
        quotes.write(List.of(quote("AAPL", T0, "11", null)));
        assertEquals("11", redis.hgetall(PREFIX + "bar:1m:AAPL").get("close"));
        assertEquals("11", redis.hgetall(PREFIX + "quote:AAPL").get("price"));
    }

    @Test
    void aQuoteOfAnEarlierTradeNeverReplacesALaterOne() throws Exception {
        quotes.write(List.of(quote("TSLA", T0 + 5_000, "200", "190")));
        quotes.write(List.of(quote("TSLA", T0, "100", null)));
        Map<String, String> hash = redis.hgetall(PREFIX + "quote:TSLA");
        assertEquals("200", hash.get("price"));
        assertEquals("190", hash.get("prev_close"));
        assertEquals("10", hash.get("change"));
        assertEquals("5.2632", hash.get("change_pct"));
    }

    @Test
    void aQuoteCarriesItsInstrumentMarketAndSessionFlag() throws Exception {
        long saturday = java.time.Instant.parse("2026-11-21T15:00:00Z").toEpochMilli();
        long monday = java.time.Instant.parse("2026-11-23T15:00:00Z").toEpochMilli();
        quotes.write(List.of(quote("AAPL", saturday, "200", null), quote("BINANCE:BTCUSDT", saturday, "90000", null)));
        Map<String, String> aapl = redis.hgetall(PREFIX + "quote:AAPL");
        assertEquals("AAPL.US", aapl.get("instrument"));
        assertEquals("US", aapl.get("market"));
        assertEquals("false", aapl.get("in_session"), "a Saturday trade is kept and flagged");
        Map<String, String> btc = redis.hgetall(PREFIX + "quote:BINANCE:BTCUSDT");
        assertEquals("BTCUSDT.BINANCE", btc.get("instrument"));
        assertEquals("CRYPTO", btc.get("market"));
        assertEquals("true", btc.get("in_session"));
        quotes.write(List.of(quote("AAPL", monday, "201", null)));
        assertEquals("true", redis.hgetall(PREFIX + "quote:AAPL").get("in_session"));
    }

    @Test
    void aNewerQuoteReplacesTheWholeHash() throws Exception {
        quotes.write(List.of(quote("TSLA", T0, "200", "190")));
        quotes.write(List.of(quote("TSLA", T0 + 1, "201", null)));
        Map<String, String> hash = redis.hgetall(PREFIX + "quote:TSLA");
        assertEquals("201", hash.get("price"));
        assertFalse(hash.containsKey("prev_close"), "no field survives from the older quote: " + hash);
        assertTrue(hash.containsKey("day_volume"));
    }

    @Test
    void aBurstOfManySymbolsIsWrittenWhole() throws Exception {
        List<Bar> burst = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            burst.add(bar("S" + i, T0, "1" + (i % 10)));
        }
        for (int from = 0; from < burst.size(); from += 1000) {
            bars.write(burst.subList(from, Math.min(burst.size(), from + 1000)));
        }
        assertEquals(2_500, redis.keys(PREFIX + "bar:1m:*").size());
        assertEquals(2_500, redis.keys(PREFIX + "bars:1m:*").size());
    }

    private static Quote quote(String symbol, long time, String price, String previousClose) {
        return new Quote(symbol, "sim", new BigDecimal(price), BigDecimal.ONE, time, new BigDecimal("7"),
                previousClose == null ? null : new BigDecimal(previousClose), 1);
    }
}
