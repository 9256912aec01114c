package io.caravan.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A {@link PrivatePostgres} on port 19150 for the app under test, which the test may stop and start. */
public class PrivatePostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = 19150;
    public static volatile PrivatePostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = new PrivatePostgres(PORT).init();
        return Map.of("caravan.jdbc.url", postgres.url(), "caravan.jdbc.username", PrivatePostgres.user());
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
