package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.caravan.bar.Bar;
import io.caravan.bar.Interval;

/** The retry and isolation rules on a sink written as a list (a stand-in for a table that holds what was committed). */
class RetryingWriteTest {

    final List<Duration> pauses = new ArrayList<>();
    final SinkStatus status = new SinkStatus();
    final List<Bar> committed = new ArrayList<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    RetryingWrite write(RetryingWrite.BatchWriter writer) {
        return write(writer, null);
    }

    /** The pauses advance the clock: a sink down for the sum of them. */
    RetryingWrite write(RetryingWrite.BatchWriter writer, Duration giveUpAfter) {
        return new RetryingWrite("test", writer, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(1)),
                3, giveUpAfter, running::get, pause -> {
                    pauses.add(pause);
                    now = now.plus(pause);
                }, clock, status);
    }

    @Test
    void anOutageIsRetriedUntilTheSinkIsBackHoweverLong() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Bar> bars = bars(5);
        List<RetryingWrite.Rejection> refused = write(batch -> {
            if (calls.incrementAndGet() <= 200) {
                throw new SQLException("This connection has been closed.", "08003");
            }
            committed.addAll(batch);
        }).write(bars);
        assertTrue(refused.isEmpty());
        assertEquals(bars, committed);
        assertNull(status.failing(), "writing again");
        assertEquals(200, pauses.size());
        assertTrue(pauses.stream().allMatch(p -> p.toMillis() <= 5_000), "capped");
        assertTrue(pauses.get(199).toMillis() >= 2_500, "at the cap after a while: " + pauses.get(199));
    }

    @Test
    void refusedBarsAloneGoToTheDeadLetterTheirNeighboursAreWrittenInOrder() throws Exception {
        List<Bar> bars = bars(20);
        Set<Bar> bad = Set.of(bars.get(3), bars.get(17));
        List<RetryingWrite.Rejection> refused = write(batch -> {
            for (Bar bar : batch) {
                if (bad.contains(bar)) {
                    throw new SQLException("violates check constraint \"no_odd\"", "23514"); // nothing committed
                }
            }
            committed.addAll(batch);
        }).write(bars);
        List<Bar> expected = new ArrayList<>(bars);
        expected.removeAll(bad);
        assertEquals(expected, committed);
        assertEquals(List.of(bars.get(3), bars.get(17)), refused.stream().map(RetryingWrite.Rejection::bar).toList());
        assertTrue(refused.get(0).reason().contains("check constraint"), refused.get(0).reason());
        assertTrue(pauses.isEmpty(), "a refusal is not retried");
    }

    @Test
    void anUnknownFailureIsRetriedABoundedNumberOfTimesThenRefused() throws Exception {
        List<Bar> one = bars(1);
        List<RetryingWrite.Rejection> refused = write(batch -> {
            throw new IllegalStateException("odd");
        }).write(one);
        assertEquals(1, refused.size());
        assertEquals(3, pauses.size());
    }

    @Test
    void withAGiveUpTimeASinkDownThatLongDeadLettersTheWholeBatch() throws Exception {
        List<Bar> bars = bars(4);
        List<RetryingWrite.Rejection> refused = write(batch -> {
            throw new SQLException("Connection refused", "08001");
        }, Duration.ofMinutes(1)).write(bars);
        assertEquals(bars, refused.stream().map(RetryingWrite.Rejection::bar).toList(), "not split: all given up");
        assertTrue(refused.get(0).reason().startsWith("Gave up after 60000 ms: SQLException: Connection refused"),
                refused.get(0).reason());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), status.failing().since(), "failing since the first failure");
        assertTrue(status.failing().reason().contains("Connection refused"), status.failing().reason());
        Duration waited = pauses.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(Duration.ofMinutes(1)) >= 0 && waited.compareTo(Duration.ofSeconds(66)) < 0,
                "waited " + waited);
    }

    @Test
    void stoppingEndsTheRetries() {
        running.set(false);
        assertThrows(RetryingWrite.Stopped.class, () -> write(batch -> {
            throw new SQLException("gone", "08006");
        }).write(bars(2)));
    }

    @Test
    void reasonsAreBounded() {
        String reason = RetryingWrite.reason(new SQLException("x".repeat(100_000), "22001"));
        assertTrue(reason.length() < RetryingWrite.MAX_REASON + 50, "length " + reason.length());
    }

    static List<Bar> bars(int n) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal p = BigDecimal.valueOf(10 + i);
            bars.add(new Bar("AAA", Interval.parse("1m"), 60_000L * i, p, p, p, p, BigDecimal.ONE, p, p, 1L));
        }
        return bars;
    }
}
