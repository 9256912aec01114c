package io.caravan.health;

import java.sql.Connection;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.caravan.sink.BarDatabase;

/** The bars database of the jdbc sink gives a valid connection. */
final class DatabaseHealthCheck implements HealthCheck {

    static final String NAME = "database";
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private final BarDatabase database;

    DatabaseHealthCheck(BarDatabase database) {
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = database.connection()) {
            boolean valid = connection.isValid(VALID_TIMEOUT_SECONDS);
            return HealthCheckResponse.named(NAME).status(valid).withData("dialect", database.dialect().name()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
