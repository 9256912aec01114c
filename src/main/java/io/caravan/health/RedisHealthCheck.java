package io.caravan.health;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/** A Redis client used by an active sink answers PING within the Redis timeout. */
final class RedisHealthCheck implements AsyncHealthCheck {

    private final String name;
    private final Redis redis;
    private final Duration timeout;

    RedisHealthCheck(String name, Redis redis, Duration timeout) {
        this.name = name;
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> redis.send(Request.cmd(Command.PING)).toCompletionStage())
                .ifNoItem().after(timeout).fail()
                .map(reply -> HealthCheckResponse.named(name).up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(name).down()
                        .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build());
    }
}
