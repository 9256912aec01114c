package io.caravan.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The cached session answer equals {@link Market#isOpen} at every time asked, in any order: across New York's DST
 * changes (on the change days too), the Hong Kong and Shanghai lunch breaks, weekends and FX's week, to the
 * millisecond at every opening and closing, and with times going backwards (a replay of an older file).
 */
class SessionCacheTest {

    private static final long MINUTE = 60_000;

    /** Every market, every 59.999 s (drifting across the minute) and ±1 ms around every boundary, of these days. */
    private static List<Long> timesAround(LocalDate first, LocalDate last) {
        List<Long> times = new ArrayList<>();
        long from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 14 * 3_600_000L;
        long to = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 14 * 3_600_000L;
        for (long t = from; t < to; t += MINUTE - 1) {
            times.add(t);
        }
        for (Market market : Market.values()) {
            for (LocalDate day = first.minusDays(1); !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
                for (Market.Session s : market.sessions(day)) {
                    for (Instant boundary : List.of(s.open(), s.close())) {
                        long b = boundary.toEpochMilli();
                        times.addAll(List.of(b - 1, b, b + 1));
                    }
                }
            }
        }
        return times;
    }

    private static void assertSameAnswers(SessionCache cache, List<Long> times) {
        for (long t : times) {
            for (Market market : Market.values()) {
                assertEquals(market.isOpen(Instant.ofEpochMilli(t)), cache.isOpen(market, t),
                        market + " at " + Instant.ofEpochMilli(t));
            }
        }
    }

    private static void forwardThenBackward(LocalDate first, LocalDate last) {
        List<Long> times = timesAround(first, last);
        times.sort(null);
        SessionCache cache = new SessionCache();
        assertSameAnswers(cache, times);
        Collections.reverse(times);
        assertSameAnswers(cache, times);
    }

    @Test
    void newYorkSpringDstChangeWeek() {
        // Sunday 2026-03-08: EST to EDT; the Friday before and the Monday after open at different UTC hours
        forwardThenBackward(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 10));
    }

    @Test
    void newYorkAutumnDstChangeWeek() {
        // Sunday 2026-11-01: EDT to EST
        forwardThenBackward(LocalDate.of(2026, 10, 29), LocalDate.of(2026, 11, 3));
    }

    @Test
    void lunchBreaksAndAWeekend() {
        // Friday 2026-11-20 to Tuesday 11-24: HK and SH/SZ lunch breaks, Saturday and Sunday, FX's Sunday open
        forwardThenBackward(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 24));
    }

    @Test
    void jumpsBackAndForthInTimeLikeAReplayOfAnOlderFileBetweenLiveTrades() {
        SessionCache cache = new SessionCache();
        long live = Instant.parse("2026-11-23T15:00:00Z").toEpochMilli(); // Monday, New York in session
        long old = Instant.parse("2013-10-07T13:29:59.999Z").toEpochMilli(); // one ms before that Monday's open
        Random random = new Random(42);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long base = random.nextBoolean() ? live : old;
            times.add(base + random.nextLong(-3 * 86_400_000L, 3 * 86_400_000L));
            times.add(i % 2 == 0 ? live : old);
        }
        assertSameAnswers(cache, times);
    }

    @Test
    void theAnswerIsKeptUntilTheMarketCanOpenOrClose() {
        // Monday 2026-11-23 11:00 Hong Kong: the morning session, from its open to the lunch break
        SessionState morning = Market.HK.stateAt(Instant.parse("2026-11-23T03:00:00Z"));
        assertEquals(new SessionState(true, Instant.parse("2026-11-23T01:30:00Z").toEpochMilli(),
                Instant.parse("2026-11-23T04:00:00Z").toEpochMilli()), morning);
        // Saturday noon in New York: closed from Friday's close at least to Monday's start
        SessionState weekend = Market.US.stateAt(Instant.parse("2026-11-21T17:00:00Z"));
        assertFalse(weekend.open());
        assertEquals(Instant.parse("2026-11-20T21:00:00Z").toEpochMilli(), weekend.from());
        assertTrue(weekend.covers(Instant.parse("2026-11-22T23:00:00Z").toEpochMilli()), "all of Sunday: " + weekend);
        assertTrue(Market.CRYPTO.stateAt(Instant.EPOCH).covers(Long.MAX_VALUE - 1));
    }
}
