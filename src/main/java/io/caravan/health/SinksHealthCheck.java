package io.caravan.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.caravan.sink.SinkStatus;

/**
 * The sinks: {@code state} DEGRADED naming each sink that cannot write ({@code degraded}), with since when, its
 * error and its backlog; OK otherwise. The check stays UP: bars wait in the sink's queue and the feed and the other
 * sinks go on; the database's own check says whether it is reachable.
 */
final class SinksHealthCheck implements HealthCheck {

    static final String NAME = "sinks";

    private final Map<String, SinkStatus> statuses;
    private final java.util.function.Function<String, Integer> backlog;
    private final Clock clock;

    SinksHealthCheck(Map<String, SinkStatus> statuses, java.util.function.Function<String, Integer> backlog, Clock clock) {
        this.statuses = statuses;
        this.backlog = backlog;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        List<String> degraded = new ArrayList<>();
        statuses.forEach((sink, status) -> {
            SinkStatus.Failing failing = status.failing();
            response.withData(sink + ".backlog", backlog.apply(sink));
            if (failing != null) {
                degraded.add(sink);
                response.withData(sink + ".failing-for-seconds",
                        Duration.between(failing.since(), clock.instant()).toSeconds());
                response.withData(sink + ".error", failing.reason());
            }
        });
        response.withData("state", degraded.isEmpty() ? "OK" : "DEGRADED");
        if (!degraded.isEmpty()) {
            response.withData("degraded", String.join(",", degraded));
        }
        return response.build();
    }
}
