package io.caravan.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisTestClient;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A user sink that hangs (an HTTP endpoint that accepts the connection and never answers) beside the CSV and Redis
 * sinks, over a replay of real trades at full speed: CSV and Redis get every bar while it hangs, the hung sink holds
 * at most its queue (20 bars) plus the one in flight, the rest go to the dead letter as {@code Queue full}; when it
 * finally fails, the summary counts its bars as dead-lettered and is not ok.
 */
@QuarkusTest
@TestProfile(HangingSinkTest.Profile.class)
@WithTestResource(HangingSinkTest.HangResource.class)
class HangingSinkTest {

    static final String PREFIX = "test:hanging:";
    static final int QUEUE = 20;
    static final Path DATA = Path.of("target/test-data/hanging-sink");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");
    static volatile Hang HANG;

    /** Starts the hanging endpoint before the app, as the proxies of the Redis tests are. */
    public static class HangResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            HANG = new Hang();
            return Map.of("caravan.sink.hang.uri", "http://127.0.0.1:" + HANG.server.getLocalPort() + "/bars?httpMethod=POST");
        }

        @Override
        public void stop() {
            try {
                HANG.close();
            } catch (IOException ignored) {
                // closed by the test
            }
        }
    }

    /** Accepts connections and holds them open without reading or answering. */
    static final class Hang implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();

        Hang() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            try (RedisTestClient redis = RedisTestClient.connect()) {
                redis.deleteKeys(PREFIX + "*");
            }
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,redis,hang");
            config.put("caravan.redis.prefix", PREFIX);
            config.put("caravan.sink.hang.queue-size", String.valueOf(QUEUE));
            config.put("caravan.sink.hang.max-redeliveries", "0");
            return config;
        }
    }

    @Inject
    Sinks sinks;
    @Inject
    CamelContext camel;

    @Test
    void theOtherSinksGetEveryBarAndTheHungOneHoldsNoMoreThanItsQueue() throws Exception {
        List<TestTrade> trades = LeanDay.trades(); // skips here when the recorded data is absent
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        int[] largestBacklog = {0};
        try (RedisTestClient redis = RedisTestClient.connect()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                largestBacklog[0] = Math.max(largestBacklog[0], sinks.backlog(camel).get("hang"));
                return OutputBars.fromCsv(DATA).size() == expected.size()
                        && redisBars(redis).size() == expected.size();
            });
            // while the sink still hangs: the others are complete
            assertTrue(HANG.held.size() >= 1 && HANG.server.isBound(), "the sink is hanging");
            OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
            OutputBars.assertSameBars(expected, RedisBars.fromJson(redisBars(redis), false, "Redis"), "Redis");
        }
        assertTrue(largestBacklog[0] <= QUEUE, "the hung sink's backlog stayed within its queue: " + largestBacklog[0]);
        assertEquals(1, HANG.accepted.get(), "one request in flight, never answered");

        HANG.close(); // the hung request fails; the bars still queued fail at once (nothing listens)
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(Boolean.FALSE, summary.get("ok"), "summary: " + summary);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> perSink = (Map<String, Map<String, Number>>) summary.get("sinks");
        assertEquals(expected.size(), perSink.get("hang").get("deadLettered").intValue(), "summary: " + summary);
        assertEquals(0, perSink.get("csv").get("deadLettered").intValue(), "summary: " + summary);
        assertEquals(expected.size(), perSink.get("redis").get("written").intValue(), "summary: " + summary);

        List<String> dead = new ArrayList<>();
        int queueFull = 0;
        try (var files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bars-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode record = new ObjectMapper().readTree(line);
                    assertEquals("hang", record.get("sink").asText(), line);
                    queueFull += record.get("reason").asText().startsWith("Queue full") ? 1 : 0;
                    dead.add(record.get("bar").toString());
                }
            }
        }
        assertTrue(queueFull >= expected.size() - QUEUE - 1, queueFull + " found the queue full");
        OutputBars.assertSameBars(expected, RedisBars.fromJson(dead, false, "bar dead letter"),
                "every bar of the hung sink is in the dead letter, once");
    }

    static List<String> redisBars(RedisTestClient redis) {
        List<String> members = new ArrayList<>();
        for (String key : redis.keys(PREFIX + "bars:*")) {
            members.addAll(redis.zrange(key));
        }
        return members;
    }
}
