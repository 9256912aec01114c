package io.caravan.sink;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Whether a sink's failure to write is the sink's state (the database restarting, a connection cut, a timeout, Redis
 * loading its data set: retry, the bar is fine) or the bar itself refused on its merits (a constraint, a value too
 * long for a column, a type error: retrying cannot help, the bar goes to the dead letter). Anything else is
 * {@link Verdict#UNKNOWN}: retried a bounded number of times.
 */
public final class WriteFailures {

    public enum Verdict {
        RETRY, REJECT, UNKNOWN
    }

    private WriteFailures() {
    }

    public static Verdict classify(Throwable failure) {
        Verdict found = Verdict.UNKNOWN;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = next(t), depth++) {
            Verdict own = own(t);
            if (own == Verdict.RETRY) {
                return own; // a lost connection explains whatever else the driver wrapped around it
            }
            if (own == Verdict.REJECT) {
                found = own;
            }
        }
        return found;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException(); // PostgreSQL puts the server's error of a batch entry there
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static Verdict own(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql(sql);
        }
        if (t.getClass().getName().startsWith("com.fasterxml.jackson.")) {
            return Verdict.REJECT; // a bar that cannot be serialised
        }
        if (t instanceof IOException || t instanceof TimeoutException) {
            return Verdict.RETRY;
        }
        return redis(t.getMessage());
    }

    private static Verdict sql(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() >= 2) {
            String category = state.substring(0, 2);
            // 08 connection exception, 57P0x admin/crash shutdown or cannot connect now, 53 insufficient resources
            // (disk full, too many connections), 40 serialization failure or deadlock, 57014 statement timeout,
            // 55P03 lock not available, HYT timeouts
            if (category.equals("08") || state.startsWith("57P0") || category.equals("53") || category.equals("40")
                    || state.equals("57014") || state.equals("55P03") || state.startsWith("HYT")) {
                return Verdict.RETRY;
            }
            // 22 data exception (value too long, out of range), 23 integrity constraint, 42 syntax/type/undefined, 44
            if (category.equals("22") || category.equals("23") || category.equals("42") || category.equals("44")) {
                return Verdict.REJECT;
            }
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return Verdict.RETRY;
        }
        if (!(e instanceof BatchUpdateException) && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
            return Verdict.RETRY; // Agroal: no connection could be had in time (the database is down)
        }
        return Verdict.UNKNOWN;
    }

    /** Redis replies and client errors carry their kind as the first word of the message. */
    private static Verdict redis(String message) {
        if (message == null) {
            return Verdict.UNKNOWN;
        }
        String m = message.strip();
        for (String transientKind : new String[] {"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "READONLY",
                "CLUSTERDOWN", "OOM", "NOREPLICAS"}) {
            if (m.startsWith(transientKind)) {
                return Verdict.RETRY;
            }
        }
        // the Vert.x client's own errors are written in capitals with '_' ("ERR [0] CONNECTION_CLOSED" for a
        // command of a pipeline whose connection closed): read them as words, before "ERR" takes them for a refusal
        String lower = m.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (lower.contains("connection refused") || lower.contains("connection closed")
                || lower.contains("connection reset") || lower.contains("connection is closed")
                || lower.contains("not connected") || lower.contains("timed out") || lower.contains("timeout")) {
            return Verdict.RETRY;
        }
        if (m.startsWith("ERR") || m.startsWith("WRONGTYPE")) {
            return Verdict.REJECT;
        }
        return Verdict.UNKNOWN;
    }
}
