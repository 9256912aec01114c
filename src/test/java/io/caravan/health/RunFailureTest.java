package io.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/**
 * What a thread dying of an Error does to a running service: health DOWN naming the thread and the cause, the
 * reactions (a replay's summary and exit) told once, on a thread of their own; a second failure changes nothing.
 */
class RunFailureTest {

    @Test
    void aThreadKilledByAnErrorTurnsHealthDownAndTellsTheReactionsOnce() throws Exception {
        RunFailure failure = new RunFailure();
        RunFailureHealthCheck health = new RunFailureHealthCheck(failure);
        List<String> told = new CopyOnWriteArrayList<>();
        List<String> tellingThreads = new CopyOnWriteArrayList<>();
        failure.onFailure(text -> {
            told.add(text);
            tellingThreads.add(Thread.currentThread().getName());
        });
        Vertx vertx = Vertx.vertx();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            failure.onStart(null, vertx);
            assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus());

            Thread dying = new Thread(() -> {
                throw new StackOverflowError("deep");
            }, "feed-x");
            dying.start();
            dying.join();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);

            HealthCheckResponse down = health.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals("thread feed-x: java.lang.StackOverflowError: deep", down.getData().get().get("failure"));
            assertEquals(List.of("thread feed-x: java.lang.StackOverflowError: deep"), told);
            assertEquals(List.of(RunFailure.REACTION_THREAD), tellingThreads);

            failure.failed(Thread.currentThread(), new OutOfMemoryError("later"));
            assertEquals("thread feed-x: java.lang.StackOverflowError: deep", failure.failure().orElseThrow());
            assertEquals(1, told.size());
        } finally {
            failure.onStop(null);
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        assertTrue(Thread.getDefaultUncaughtExceptionHandler() == before, "the JVM's handler restored");
    }

    @Test
    void theErrorBehindAFailedExchangeIsFound() {
        InternalError error = new InternalError("injected");
        assertEquals(error, RunFailure.errorIn(new RuntimeException("wrapped", error)).orElseThrow());
        assertTrue(RunFailure.errorIn(new IllegalStateException("plain")).isEmpty());
    }
}
