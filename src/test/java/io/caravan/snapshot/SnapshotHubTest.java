package io.caravan.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.Http;
import io.caravan.support.RedisChannelRecorder;
import io.caravan.support.RedisTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The quote snapshot hub against the built-in simulator over real HTTP, writing into the real Redis, polling every
 * second, two symbols per request: every symbol fresh after a round, one message per round, an omitted symbol asked
 * for alone and reported, 429 with Retry-After and 503 retried, a broken answer in the dead letter.
 */
@QuarkusTest
@TestProfile(SnapshotHubTest.Profile.class)
@WithTestResource(value = RedisChannelRecorder.class, initArgs = @ResourceArg(name = "prefix", value = SnapshotHubTest.PREFIX))
public class SnapshotHubTest {

    static final String PREFIX = "test:snapshot:";
    static final int PORT = 18783;
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "AMZN", "TSLA", "NVDA");
    static final Path DATA = Path.of("target/test-data/snapshot-hub");
    static final long TTL_MILLIS = 30_000;
    static final String SIM = "http://127.0.0.1:" + PORT;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("caravan.feeds", "simulator"),
                    Map.entry("caravan.simulator.port", Integer.toString(PORT)),
                    Map.entry("caravan.simulator.trades-per-second", "20"),
                    Map.entry("caravan.symbols", String.join(",", SYMBOLS)),
                    Map.entry("caravan.sinks", "csv"), Map.entry("caravan.data-dir", DATA.toString()),
                    Map.entry("caravan.redis.url", RedisTestClient.URL), Map.entry("caravan.redis.prefix", PREFIX),
                    Map.entry("caravan.snapshot.enabled", "true"),
                    Map.entry("caravan.snapshot.cron", "* * * * * ?"),
                    Map.entry("caravan.snapshot.batch-size", "2"),
                    Map.entry("caravan.snapshot.ttl", TTL_MILLIS / 1000 + "s"),
                    Map.entry("caravan.snapshot.timeout", "2000"),
                    Map.entry("caravan.snapshot.max-retries", "3"),
                    Map.entry("caravan.snapshot.retry-initial-delay", "200ms"),
                    Map.entry("caravan.snapshot.retry-max-delay", "3s"));
        }
    }

    @BeforeEach
    void healthySimulator() {
        command("clear=true");
    }

    @Test
    void everyConfiguredSymbolIsFreshAfterARound() {
        long after = System.currentTimeMillis();
        JsonNode round = awaitRound(after, r -> updated(r).containsAll(SYMBOLS));
        long roundTime = round.get("time").asLong();
        assertEquals(List.of(), texts(round.get("missing")));
        assertEquals(SYMBOLS.size(), round.get("requested").asInt());
        assertEquals(3, round.get("requests").asInt(), "5 symbols, 2 per request");

        try (RedisTestClient redis = RedisTestClient.connect()) {
            for (String symbol : SYMBOLS) {
                String key = PREFIX + "quote:" + symbol;
                Map<String, String> hash = redis.hgetall(key);
                assertEquals(symbol, hash.get("symbol"), key + " " + hash);
                assertEquals("snapshot", hash.get("source"));
                assertEquals("simulator", hash.get("feed"));
                BigDecimal price = new BigDecimal(hash.get("price"));
                BigDecimal low = new BigDecimal(hash.get("low"));
                BigDecimal high = new BigDecimal(hash.get("high"));
                assertTrue(low.compareTo(price) <= 0 && price.compareTo(high) <= 0, hash.toString());
                assertTrue(new BigDecimal(hash.get("day_volume")).signum() > 0, hash.toString());
                assertNotNull(hash.get("open"));
                // synthetic mode: the previous close is where the walk started, so the change is known
                BigDecimal previous = new BigDecimal(hash.get("prev_close"));
                assertEquals(0, price.subtract(previous).compareTo(new BigDecimal(hash.get("change"))), hash.toString());
                assertEquals(Instant.ofEpochMilli(Long.parseLong(hash.get("time_ms"))).toString(), hash.get("time"));
                assertTrue(Long.parseLong(hash.get("updated_ms")) >= roundTime, hash.toString());
                long ttl = redis.send("PTTL", key).toLong();
                assertTrue(ttl > 0 && ttl <= TTL_MILLIS, key + " PTTL " + ttl);
                long score = redis.send("ZSCORE", PREFIX + "quotes:updated", symbol).toLong();
                assertTrue(score >= roundTime, symbol + " updated at " + score + ", round at " + roundTime);
            }
        }
        for (JsonNode request : requestsSince(after)) {
            assertTrue(request.get("symbols").size() <= 2, request.toString());
        }
        // one message per round: the numbers of the rounds published have no gap and no repeat
        awaitRound(System.currentTimeMillis(), r -> true);
        List<Long> numbers = rounds().stream().filter(r -> r.get("finished").asLong() >= after)
                .map(r -> r.get("round").asLong()).toList();
        assertTrue(numbers.size() >= 2, "rounds published: " + numbers);
        // a figure for the notes, not an assertion: how long a healthy round of 3 requests takes, start to message
        System.out.println("Snapshot rounds since the test began, ms from start to finish: " + rounds().stream()
                .filter(r -> r.get("time").asLong() >= after)
                .map(r -> r.get("finished").asLong() - r.get("time").asLong()).toList());
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "rounds published: " + numbers);
        }
    }

    @Test
    void aSymbolLeftOutIsAskedForAloneAndReportedWhenStillMissing() throws Exception {
        // every symbol has traded, so from here on only the simulator's omission can leave MSFT out of an answer
        awaitRound(System.currentTimeMillis(),
                r -> updated(r).containsAll(SYMBOLS) && texts(r.get("retried")).isEmpty());
        // left out once: asked for again alone, and the round gets it
        long once = System.currentTimeMillis();
        command("omit=MSFT&times=1");
        JsonNode recovered = awaitRound(once, r -> texts(r.get("retried")).contains("MSFT"));
        assertTrue(updated(recovered).contains("MSFT"), recovered.toString());
        assertEquals(List.of(), texts(recovered.get("missing")));
        assertTrue(requestsSince(once).stream().anyMatch(r -> texts(r.get("symbols")).equals(List.of("MSFT"))));

        // left out every time: reported
        try (RedisTestClient redis = RedisTestClient.connect()) {
            long before = System.currentTimeMillis();
            command("omit=TSLA");
            JsonNode missing = awaitRound(before, r -> texts(r.get("missing")).contains("TSLA"));
            assertEquals(List.of("TSLA"), texts(missing.get("retried")), missing.toString());
            assertFalse(updated(missing).contains("TSLA"));
            assertTrue(updated(missing).containsAll(List.of("AAPL", "MSFT", "AMZN", "NVDA")), missing.toString());
            assertTrue(missing.get("totals").get("missing").asLong() >= 1, missing.toString());
            assertTrue(requestsSince(before).stream().anyMatch(r -> texts(r.get("symbols")).equals(List.of("TSLA"))),
                    "TSLA asked for alone");
            JsonNode record = awaitDeadLetter(before, "missing symbol");
            assertEquals("TSLA", record.get("raw").asText());

            // its hash keeps the last values, and runs down its TTL; its update time stays behind
            awaitRound(System.currentTimeMillis(), r -> true);
            Map<String, String> hash = redis.hgetall(PREFIX + "quote:TSLA");
            assertEquals("TSLA", hash.get("symbol"));
            assertTrue(Long.parseLong(hash.get("updated_ms")) < missing.get("time").asLong(), hash.toString());
            long age = System.currentTimeMillis() - Long.parseLong(hash.get("updated_ms"));
            long ttl = redis.send("PTTL", PREFIX + "quote:TSLA").toLong();
            assertTrue(ttl > 0 && ttl <= TTL_MILLIS - age + 1_000, "PTTL " + ttl + " written " + age + " ms ago");
            long score = redis.send("ZSCORE", PREFIX + "quotes:updated", "TSLA").toLong();
            assertTrue(score < missing.get("time").asLong());
        }
    }

    @Test
    void rateLimitingAndServerErrorsAreRetriedAndTheRoundCompletes() {
        long before = System.currentTimeMillis();
        command("fail=1&status=429&retryAfter=2");
        List<JsonNode> limited = awaitAnswered(before, "429", 1, 1);
        JsonNode retry = limited.get(1);
        assertEquals(texts(limited.get(0).get("symbols")), texts(retry.get("symbols")), "the same request again");
        long waited = retry.get("time").asLong() - limited.get(0).get("time").asLong();
        assertTrue(waited >= 1_990, "Retry-After 2 s obeyed, waited " + waited + " ms");
        JsonNode round = awaitRound(before, r -> r.get("finished").asLong() >= retry.get("time").asLong());
        assertTrue(updated(round).containsAll(SYMBOLS), round.toString());

        long failing = System.currentTimeMillis();
        command("fail=2&status=503");
        List<JsonNode> tries = awaitAnswered(failing, "503", 1, 2);
        assertEquals(List.of("503", "503", "200"), tries.stream().map(t -> t.get("answer").asText()).toList());
        assertEquals(texts(tries.get(0).get("symbols")), texts(tries.get(2).get("symbols")));
        long first = tries.get(1).get("time").asLong() - tries.get(0).get("time").asLong();
        long second = tries.get(2).get("time").asLong() - tries.get(1).get("time").asLong();
        // 200 ms, then 400 ms, each ±15 %: backoff, not a hammering loop and not a wait for the next round
        assertTrue(first >= 150 && first < 900, "first retry after " + first + " ms");
        assertTrue(second >= 300 && second < 1_500, "second retry after " + second + " ms");
        JsonNode recovered = awaitRound(failing, r -> r.get("finished").asLong() >= tries.get(2).get("time").asLong());
        assertTrue(updated(recovered).containsAll(SYMBOLS), recovered.toString());
    }

    @Test
    void aRetryAfterLongerThanTheLongestRetryDelayPausesThePolling() {
        long before = System.currentTimeMillis();
        command("fail=1&status=429&retryAfter=4");
        JsonNode limited = awaitAnswered(before, "429", 1, 1).get(0);
        JsonNode next = awaitAnswered(before, "429", 1, 1).get(1);
        long waited = next.get("time").asLong() - limited.get("time").asLong();
        // 4 s is beyond retry-max-delay (3 s): no retry in that round, and no round asks anything until then
        assertTrue(waited >= 3_990, "paused for " + waited + " ms");
        JsonNode record = awaitDeadLetter(before, "provider error");
        assertTrue(record.get("detail").asText().contains("HTTP 429 for "), record.toString());
        JsonNode resumed = awaitRound(next.get("time").asLong() - 1_000, r -> updated(r).containsAll(SYMBOLS));
        assertEquals(List.of(), texts(resumed.get("missing")));
    }

    @Test
    void anAnswerThatIsNotJsonGoesToTheDeadLetter() {
        long before = System.currentTimeMillis();
        command("malformed=1");
        JsonNode record = awaitDeadLetter(before, "malformed");
        assertTrue(record.get("detail").asText().contains("not JSON"), record.toString());
        assertTrue(record.get("raw").asText().startsWith("{\"s\":\"ok\",\"quotes\":[{\"symbol\":"), record.toString());
        List<String> asked = texts(awaitAnswered(before, "malformed", 1, 0).get(0).get("symbols"));
        JsonNode round = awaitRound(before, r -> texts(r.get("failed")).containsAll(asked));
        // a request whose answer could not be read is not a symbol missing from an answer: not asked for again
        assertEquals(List.of(), texts(round.get("missing")), round.toString());
        assertFalse(updated(round).stream().anyMatch(asked::contains), round.toString());
    }

    static void command(String query) {
        Http.Answer answer = Http.post(SIM + "/sim/snapshot?" + query, "");
        assertEquals(200, answer.status(), answer.body().toString());
    }

    static List<JsonNode> rounds() {
        List<JsonNode> rounds = new ArrayList<>();
        for (RedisChannelRecorder.Message message : RedisChannelRecorder.MESSAGES) {
            if (message.channel().equals(PREFIX + "snapshot:round")) {
                rounds.add(parse(message.payload()));
            }
        }
        return rounds;
    }

    /**
     * The first round finished at or after {@code since} that passes the check. Finished, not started: a round under
     * way when a test sets a one-shot fault may be the one whose request spends it (the first round after start-up
     * takes a few hundred ms to send its first request), and no later round would show it.
     */
    static JsonNode awaitRound(long since, java.util.function.Predicate<JsonNode> check) {
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rounds().stream().filter(r -> r.get("finished").asLong() >= since).filter(check)
                            .findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No such round finished since " + since + "; rounds: " + rounds().stream()
                    .filter(r -> r.get("finished").asLong() >= since - 5_000).toList() + "; simulator requests: "
                    + requestsSince(since - 5_000), e);
        }
    }

    static List<JsonNode> requestsSince(long since) {
        List<JsonNode> requests = new ArrayList<>();
        Http.get(SIM + "/sim/snapshot/requests").body().forEach(r -> {
            if (r.get("time").asLong() >= since) {
                requests.add(r);
            }
        });
        return requests;
    }

    /**
     * The first request since {@code since} answered {@code answer}, with the {@code following} requests after it
     * (the round's requests run one after another, so these are its retries).
     */
    static List<JsonNode> awaitAnswered(long since, String answer, int count, int following) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<JsonNode> requests = requestsSince(since);
            for (int i = 0; i < requests.size(); i++) {
                if (answer.equals(requests.get(i).get("answer").asText())) {
                    return requests.subList(i, Math.min(requests.size(), i + count + following));
                }
            }
            return List.<JsonNode>of();
        }, r -> r.size() == count + following);
    }

    static JsonNode awaitDeadLetter(long since, String reason) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deadLetters().stream()
                        .filter(r -> Instant.parse(r.get("time").asText()).toEpochMilli() >= since)
                        .filter(r -> reason.equals(r.get("reason").asText())).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    static List<JsonNode> deadLetters() {
        Path dir = DATA.resolve("dead-letter");
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("snapshots-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        records.add(parse(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static List<String> updated(JsonNode round) {
        return texts(round.get("updated"));
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
