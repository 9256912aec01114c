package io.caravan.sink;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.caravan.support.OutputBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The same checks on a real PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@QuarkusTest
@TestProfile(JdbcBarSinkPostgresTest.Profile.class)
class JdbcBarSinkPostgresTest extends JdbcBarSinkTest {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (Connection c = OutputBars.connect(URL, USER); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS caravan_sink_test CASCADE");
                s.execute("CREATE SCHEMA caravan_sink_test");
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL at " + URL + " is required for this test", e);
            }
            return Map.of("caravan.feeds", "none", "caravan.data-dir", "target/test-data/jdbc-pg",
                    "caravan.jdbc.url", URL + "?currentSchema=caravan_sink_test", "caravan.jdbc.username", USER);
        }
    }
}
