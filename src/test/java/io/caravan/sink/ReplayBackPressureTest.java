package io.caravan.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisBars;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A max-speed replay of real trades into a sink far slower than the replay (an HTTP endpoint that takes a few
 * milliseconds a bar, with a queue of 20 bars and {@code back-pressure=true}): the replay waits for it instead of
 * running ahead, so its queue never holds more than its bound, no bar goes to the dead letter as {@code Queue full},
 * and the slow sink gets every bar once. Before back-pressure, all but ~20 of its bars were dead-lettered.
 */
@QuarkusTest
@TestProfile(ReplayBackPressureTest.Profile.class)
@WithTestResource(ReplayBackPressureTest.SlowResource.class)
class ReplayBackPressureTest {

    static final int QUEUE = 20;
    static final Path DATA = Path.of("target/test-data/replay-back-pressure");
    static final Path INPUT = Path.of("target/test-data/lean-20131007.csv");
    static volatile SlowEndpoint SLOW;

    /** Starts the slow endpoint before the app. */
    public static class SlowResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            SLOW = new SlowEndpoint();
            return Map.of("caravan.sink.slow.uri",
                    "http://127.0.0.1:" + SLOW.server.getAddress().getPort() + "/bars?httpMethod=POST");
        }

        @Override
        public void stop() {
            SLOW.server.stop(0);
        }
    }

    /** Answers each bar after {@code DELAY_MS}, one at a time, and keeps what it was sent. */
    static final class SlowEndpoint {
        static final long DELAY_MS = 3;
        final HttpServer server;
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();

        SlowEndpoint() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.createContext("/bars", exchange -> {
                if (concurrent.incrementAndGet() > 1) {
                    overlapped.set(true);
                }
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    Thread.sleep(DELAY_MS);
                    received.add(body.strip());
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    concurrent.decrementAndGet();
                }
            });
            server.start();
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = LeanDay.replayConfig(INPUT, DATA, "csv,slow");
            config.put("caravan.replay.speed", "max");
            config.put("caravan.sink.slow.queue-size", String.valueOf(QUEUE));
            config.put("caravan.sink.slow.back-pressure", "true");
            return config;
        }
    }

    @Inject
    Sinks sinks;
    @Inject
    CamelContext camel;

    @Test
    void aReplayWaitsForItsSlowestSinkInsteadOfDeadLetteringItsBars() throws Exception {
        Map<String, ExpectedBar> expected = ExpectedBars.compute(LeanDay.trades(), ExpectedBars.ALL_INTERVALS);
        int[] largestBacklog = {0};
        Path summaryFile = DATA.resolve("replay-summary.json");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            largestBacklog[0] = Math.max(largestBacklog[0], sinks.backlog(camel).get("slow"));
            return Files.exists(summaryFile);
        });
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofSeconds(10));
        assertEquals(Boolean.TRUE, summary.get("ok"), "summary: " + summary + "; " + Await.deadLetters(DATA));
        assertFalse(Files.exists(DATA.resolve("dead-letter")), Await.deadLetters(DATA));
        assertTrue(largestBacklog[0] <= QUEUE, "the slow sink's backlog stayed within its queue: " + largestBacklog[0]);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> perSink = (Map<String, Map<String, Number>>) summary.get("sinks");
        assertTrue(perSink.get("slow").get("waitedMs").longValue() > 0, "the engine waited for the sink: " + summary);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, RedisBars.fromJson(SLOW.received, false, "slow sink"),
                "the slow sink got every bar once");
    }
}
