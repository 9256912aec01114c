package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisBars;
import io.caravan.support.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The README's webhook example, for real: a user sink defined only in properties POSTs each bar to an HTTP server
 * with credentials from a placeholder; the server refuses the first requests with 503,
 * the sink's own retry budget carries them, and the server ends up with every bar exactly once. A second user sink
 * with {@code batch=true} POSTs the bars that wait in its queue together, as NDJSON, and the server ends up with the
 * same bars in fewer requests.
 */
@QuarkusTest
@TestProfile(WebhookSinkTest.Profile.class)
@WithTestResource(WebhookSinkTest.Receiver.class)
class WebhookSinkTest {

    static final Path DATA = Path.of("target/test-data/webhook-sink");
    static final Path INPUT = Path.of("target/test-data/webhook-sink.csv");

    /** A real HTTP server that answers 503 to its first three requests, then records each body. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        static final List<String> BODIES = new CopyOnWriteArrayList<>();
        static final List<String> BATCHES = new CopyOnWriteArrayList<>();
        static final List<String> BATCH_TYPES = new CopyOnWriteArrayList<>();
        static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
        static final AtomicInteger REFUSED = new AtomicInteger();
        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            int port = TcpProxy.freePort();
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (REFUSED.get() < 3) {
                    REFUSED.incrementAndGet();
                    request.response().setStatusCode(503).end();
                    return;
                }
                AUTHORIZATIONS.add(String.valueOf(request.getHeader("Authorization")));
                if (request.path().equals("/batches")) {
                    BATCHES.add(body.toString());
                    BATCH_TYPES.add(String.valueOf(request.getHeader("Content-Type")));
                } else {
                    BODIES.add(body.toString());
                }
                request.response().setStatusCode(204).end();
            }));
            try {
                server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String auth = "httpMethod=POST&authMethod=Basic&authUsername=caravan&authPassword={{hook.password}}"
                    + "&authenticationPreemptive=true";
            return Map.of("caravan.sink.hook.uri", "http://127.0.0.1:" + port + "/bars?" + auth,
                    "caravan.sink.hook-batch.uri", "http://127.0.0.1:" + port + "/batches?" + auth);
        }

        @Override
        public void stop() {
            vertx.close();
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            LeanTicks.writeReplayCsv(SinkIsolationTest.trades(), INPUT);
            Map<String, String> config = new TreeMap<>();
            config.put("caravan.feeds", "replay");
            config.put("caravan.replay.file", INPUT.toString());
            config.put("caravan.data-dir", DATA.toString());
            config.put("caravan.sinks", "hook,hook-batch");
            config.put("hook.password", "s3cret"); // stands for {{env:HOOK_PASSWORD}}
            for (String sink : List.of("hook", "hook-batch")) {
                config.put("caravan.sink." + sink + ".max-redeliveries", "10");
                config.put("caravan.sink." + sink + ".initial-delay", "50ms");
            }
            config.put("caravan.sink.hook-batch.batch", "true");
            return config;
        }
    }

    @Test
    void everyBarIsPostedOnceAfterTheServerRecovers() {
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(2));
        assertEquals(Boolean.TRUE, summary.get("ok"));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(SinkIsolationTest.trades(), ExpectedBars.ALL_INTERVALS);
        assertEquals(3, Receiver.REFUSED.get(), "the first requests were refused and retried");
        OutputBars.assertSameBars(expected, RedisBars.fromJson(Receiver.BODIES, false, "webhook"), "webhook");
        List<String> batched = Receiver.BATCHES.stream().flatMap(String::lines).toList();
        OutputBars.assertSameBars(expected, RedisBars.fromJson(batched, false, "webhook"), "batching webhook");
        assertEquals(Receiver.BODIES.size(), batched.size(), "each bar once");
        assertTrue(Receiver.BATCHES.size() < batched.size() / 2, Receiver.BATCHES.size() + " requests for "
                + batched.size() + " bars");
        assertTrue(Receiver.BATCH_TYPES.stream().allMatch("application/x-ndjson"::equals), "" + Receiver.BATCH_TYPES);
        String basic = "Basic " + Base64.getEncoder().encodeToString("caravan:s3cret".getBytes(StandardCharsets.UTF_8));
        assertTrue(Receiver.AUTHORIZATIONS.stream().allMatch(basic::equals), "credentials sent: " + Receiver.AUTHORIZATIONS);
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing given up");
    }
}
