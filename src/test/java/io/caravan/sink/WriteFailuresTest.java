package io.caravan.sink;

import static io.caravan.sink.WriteFailures.Verdict.REJECT;
import static io.caravan.sink.WriteFailures.Verdict.RETRY;
import static io.caravan.sink.WriteFailures.Verdict.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerationException;

import io.vertx.redis.client.impl.types.ErrorType;

class WriteFailuresTest {

    @Test
    void theDatabaseAwayIsRetried() {
        assertEquals(RETRY, WriteFailures.classify(new SQLException("This connection has been closed.", "08003")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("An I/O error occurred", "08006")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("Connection refused", "08001")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("the database system is starting up", "57P03")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("could not extend file: No space left", "53100")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("canceling statement due to statement timeout", "57014")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("deadlock detected", "40P01")));
        assertEquals(RETRY, WriteFailures.classify(new SQLException("Sorry, acquisition timeout!")));
        assertEquals(RETRY, WriteFailures.classify(new SQLTransientConnectionException("gone")));
    }

    @Test
    void aBatchEntryRefusedByTheServerIsRejectedUnlessTheConnectionWentAway() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 INSERT ... was aborted", null, new int[0]);
        batch.setNextException(new SQLException("new row for relation \"bars\" violates check constraint", "23514"));
        assertEquals(REJECT, WriteFailures.classify(batch));

        BatchUpdateException lost = new BatchUpdateException("Batch entry 0 was aborted", "23505", new int[0]);
        lost.setNextException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertEquals(RETRY, WriteFailures.classify(lost));
    }

    @Test
    void aBarRefusedOnItsMeritsIsRejected() {
        assertEquals(REJECT, WriteFailures.classify(new SQLException("value too long for type character varying(64)", "22001")));
        assertEquals(REJECT, WriteFailures.classify(new SQLException("numeric field overflow", "22003")));
        assertEquals(REJECT, WriteFailures.classify(new SQLException("null value in column violates not-null", "23502")));
        assertEquals(REJECT, WriteFailures.classify(new SQLException("column is of type integer but expression is of type text", "42804")));
        assertEquals(REJECT, WriteFailures.classify(new RuntimeException(new JsonGenerationException("bad", (Throwable) null))));
        assertEquals(REJECT, WriteFailures.classify(new RuntimeException("ERR Error running script: bad argument")));
    }

    @Test
    void redisAwayOrLoadingIsRetried() {
        assertEquals(RETRY, WriteFailures.classify(new RuntimeException("LOADING Redis is loading the dataset in memory")));
        assertEquals(RETRY, WriteFailures.classify(new ConnectException("Connection refused: /127.0.0.1:6379")));
        assertEquals(RETRY, WriteFailures.classify(new IllegalStateException("Connection closed")));
        assertEquals(RETRY, WriteFailures.classify(new TimeoutException("Redis did not answer within 2000 ms")));
        assertEquals(RETRY, WriteFailures.classify(new RuntimeException("READONLY You can't write against a read only replica.")));
        assertEquals(RETRY, WriteFailures.classify(new UncheckedIOException(new java.io.IOException("disk full"))));
    }

    /**
     * The Vert.x Redis client fails the commands of a pipeline whose connection closed with its own error type, worded
     * like a server error: seen as a bar dead-lettered for Redis in {@code RedisOutageTest} ("ExecutionException:
     * ERR [0] CONNECTION_CLOSED"). The connection went away; the bar is fine.
     */
    @Test
    void aPipelineCutByAClosedConnectionIsRetried() {
        assertEquals(RETRY, WriteFailures.classify(new ExecutionException(ErrorType.create("ERR [0] CONNECTION_CLOSED"))));
        assertEquals(RETRY, WriteFailures.classify(ErrorType.create("CONNECTION_CLOSED")));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(UNKNOWN, WriteFailures.classify(new IllegalArgumentException("something odd")));
        assertEquals(UNKNOWN, WriteFailures.classify(new SQLException("no state")));
        assertEquals(UNKNOWN, WriteFailures.classify(new NullPointerException()));
    }
}
