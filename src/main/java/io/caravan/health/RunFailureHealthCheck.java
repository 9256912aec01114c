package io.caravan.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** DOWN, with the thread and the cause, once a failure has ended the run ({@link RunFailure}). */
@Liveness
@Readiness
@ApplicationScoped
public class RunFailureHealthCheck implements HealthCheck {

    static final String NAME = "run";

    private final RunFailure failure;

    public RunFailureHealthCheck(RunFailure failure) {
        this.failure = failure;
    }

    @Override
    public HealthCheckResponse call() {
        return failure.failure()
                .map(text -> HealthCheckResponse.named(NAME).down().withData("failure", text).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().build());
    }
}
