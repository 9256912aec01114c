package io.caravan.support;

import java.sql.Connection;
import java.sql.Statement;

/** A PostgreSQL schema of a test's own in database {@code test} on localhost, emptied before the test's app starts. */
public final class PostgresSchema {

    public static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private PostgresSchema() {
    }

    /** Drops and creates the schema; returns the JDBC URL that uses it. */
    public static String fresh(String schema) {
        try (Connection c = OutputBars.connect(DATABASE, USER); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + DATABASE + " is required for this test", e);
        }
        return url(schema);
    }

    public static String url(String schema) {
        return DATABASE + "?currentSchema=" + schema;
    }
}
