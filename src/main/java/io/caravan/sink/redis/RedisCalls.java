package io.caravan.sink.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;

/** Blocking waits on Redis replies, for sink threads: a reply that does not come within the timeout is a failure. */
final class RedisCalls {

    private RedisCalls() {
    }

    static <T> T await(Future<T> reply, Duration timeout) throws Exception {
        try {
            return reply.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("Redis did not answer within " + timeout.toMillis() + " ms");
        }
    }
}
