package io.caravan.sink.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisChannelRecorder;
import io.caravan.support.RedisTestClient;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Real trades (AIG and BAC, 2013-10-07) replayed with {@code caravan.sinks=csv,jdbc,redis,pubsub,audit} (jdbc on
 * PostgreSQL): the same
 * bars arrive in all five places, the Redis keys hold what the README says, and the user sink defined only in
 * properties gets every bar as a JSON line in a file named by Camel's date expression.
 */
@QuarkusTest
@TestProfile(RedisSinksTest.Profile.class)
@WithTestResource(value = RedisChannelRecorder.class, initArgs = @ResourceArg(name = "prefix", value = RedisSinksTest.PREFIX))
class RedisSinksTest {

    static final String PREFIX = "test:sinks:";
    static final Path DATA = Path.of("target/test-data/redis-sinks");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_SCHEMA = "caravan_redis_sinks";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            PostgresSchema.fresh(PG_SCHEMA);
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,jdbc,redis,pubsub,audit");
            // PostgreSQL, as docker-compose runs it; it can also be read while caravan runs as a separate process
            config.put("caravan.jdbc.url", PG + "?currentSchema=" + PG_SCHEMA);
            config.put("caravan.jdbc.username", "postgres");
            config.put("caravan.redis.url", RedisTestClient.URL);
            config.put("caravan.redis.prefix", PREFIX);
            config.put("caravan.sink.audit.uri", "file:" + DATA.resolve("audit")
                    + "?fileName=bars-${date:now:yyyyMMdd}.ndjson&fileExist=Append");
            return config;
        }
    }

    @Test
    void theSameBarsInAllFivePlacesAndTheQuotesInRedis() throws Exception {
        List<TestTrade> trades = LeanDay.trades();
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(Boolean.TRUE, summary.get("ok"));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);

        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PG + "?currentSchema=" + PG_SCHEMA, "postgres"),
                "PostgreSQL");
        try (RedisTestClient redis = RedisTestClient.connect()) {
            assertRedisSeries(redis, expected);
            assertLatestBarHashes(redis, expected);
            assertQuotes(redis, trades);
        }
        assertPublished(expected);
        assertUserSink(expected);
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing was refused or lost");
    }

    private static void assertRedisSeries(RedisTestClient redis, Map<String, ExpectedBar> expected) {
        List<String> members = new ArrayList<>();
        List<String> keys = redis.keys(PREFIX + "bars:*");
        for (String symbol : LeanDay.SYMBOLS) {
            for (String interval : ExpectedBars.ALL_INTERVALS) {
                String key = PREFIX + "bars:" + interval + ":" + symbol;
                assertTrue(keys.contains(key), "sorted set " + key);
                List<String> series = redis.zrange(key);
                // scores are the open times, in order
                List<Long> opens = series.stream().map(m -> RedisBars.parse(m).get("open_time_ms").asLong()).toList();
                assertEquals(opens.stream().sorted().toList(), opens, key + " ordered by open time");
                for (String member : series) {
                    JsonNode bar = RedisBars.parse(member);
                    assertEquals(bar.get("open_time_ms").asLong(),
                            (long) Double.parseDouble(redis.send("ZSCORE", key, member).toString()), "score of " + member);
                }
                members.addAll(series);
            }
        }
        assertEquals(LeanDay.SYMBOLS.size() * ExpectedBars.ALL_INTERVALS.size(), keys.size(), "no other series");
        OutputBars.assertSameBars(expected, RedisBars.fromJson(members, false, "Redis sorted sets"),
                "Redis sorted sets");
    }

    private static void assertLatestBarHashes(RedisTestClient redis, Map<String, ExpectedBar> expected) {
        for (String symbol : LeanDay.SYMBOLS) {
            for (String interval : ExpectedBars.ALL_INTERVALS) {
                String prefix = symbol + "|" + interval + "|";
                String latestKey = expected.keySet().stream().filter(k -> k.startsWith(prefix))
                        .max(Comparator.naturalOrder()).orElseThrow();
                Map<String, String> hash = redis.hgetall(PREFIX + "bar:" + interval + ":" + symbol);
                assertEquals(symbol, hash.get("symbol"));
                assertEquals(interval, hash.get("interval"));
                assertEquals(latestKey, ExpectedBars.key(symbol, interval, java.time.Instant.parse(hash.get("open_time"))));
                assertTrue(expected.get(latestKey).sameAs(RedisBars.bar(hash)), "latest " + latestKey + ": " + hash);
            }
        }
    }

    private static void assertQuotes(RedisTestClient redis, List<TestTrade> trades) {
        for (String symbol : LeanDay.SYMBOLS) {
            List<TestTrade> own = trades.stream().filter(t -> t.symbol().equals(symbol)).toList();
            TestTrade last = own.stream()
                    .max(Comparator.comparingLong(TestTrade::ts).thenComparingLong(TestTrade::order)).orElseThrow();
            BigDecimal volume = own.stream().map(TestTrade::size).reduce(BigDecimal.ZERO, BigDecimal::add);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, String> quote = redis.hgetall(PREFIX + "quote:" + symbol);
                assertEquals(symbol, quote.get("symbol"));
                assertEquals(0, last.price().compareTo(new BigDecimal(quote.get("price"))), "last price " + quote);
                assertEquals(last.ts(), Long.parseLong(quote.get("time_ms")));
                assertEquals(0, volume.compareTo(new BigDecimal(quote.get("day_volume"))), "day volume " + quote);
                assertFalse(quote.containsKey("prev_close"), "one day only: no previous close is known");
            });
        }
    }

    private static void assertPublished(Map<String, ExpectedBar> expected) {
        List<RedisChannelRecorder.Message> messages = RedisChannelRecorder.MESSAGES;
        List<String> bars = messages.stream().filter(m -> m.channel().startsWith(PREFIX + "bars:"))
                .map(m -> {
                    JsonNode bar = RedisBars.parse(m.payload());
                    assertEquals(PREFIX + "bars:" + bar.get("interval").asText() + ":" + bar.get("symbol").asText(),
                            m.channel(), "channel of " + m.payload());
                    return m.payload();
                }).toList();
        OutputBars.assertSameBars(expected, RedisBars.fromJson(bars, false, "pub/sub"), "pub/sub");
        Map<String, List<String>> quotes = messages.stream().filter(m -> m.channel().startsWith(PREFIX + "quotes:"))
                .collect(Collectors.groupingBy(RedisChannelRecorder.Message::channel,
                        Collectors.mapping(RedisChannelRecorder.Message::payload, Collectors.toList())));
        for (String symbol : LeanDay.SYMBOLS) {
            assertTrue(quotes.containsKey(PREFIX + "quotes:" + symbol), "quotes published for " + symbol);
        }
    }

    private static void assertUserSink(Map<String, ExpectedBar> expected) throws Exception {
        String today = LocalDate.now(ZoneOffset.systemDefault()).format(DateTimeFormatter.BASIC_ISO_DATE);
        String yesterday = LocalDate.now(ZoneOffset.systemDefault()).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(DATA.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                assertTrue(name.equals("bars-" + today + ".ndjson") || name.equals("bars-" + yesterday + ".ndjson"),
                        "file named by ${date:now:yyyyMMdd}: " + name);
                lines.addAll(Files.readAllLines(file));
            }
        }
        OutputBars.assertSameBars(expected, RedisBars.fromJson(lines, false, "user sink"), "user sink 'audit'");
    }
}
