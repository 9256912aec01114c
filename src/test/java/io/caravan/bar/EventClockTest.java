package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.caravan.support.LeanTicks;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;

class EventClockTest {

    static final Duration MAX_JUMP = Duration.ofHours(1);
    static final long T0 = Instant.parse("2024-08-09T14:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    @Test
    void timeIsTheLargestTradeTimeWhileTradesAreCloseTogether() {
        EventClock clock = new EventClock(MAX_JUMP);
        assertEquals(Long.MIN_VALUE, clock.now());
        clock.observe(T0);
        assertEquals(T0, clock.now(), "the first trade sets the clock, however far from nothing");
        clock.observe(T0 + 5_000);
        clock.observe(T0 + 2_000);
        assertEquals(T0 + 5_000, clock.now(), "an earlier trade never moves it back");
        clock.observe(T0 + 5_000 + HOUR);
        assertEquals(T0 + 5_000 + HOUR, clock.now(), "a jump of exactly the bound is followed at once");
    }

    @Test
    void oneTradeFarAheadDoesNotMoveTheClock() {
        EventClock clock = new EventClock(MAX_JUMP);
        for (int i = 0; i < 600; i++) {
            clock.observe(T0 + i * 1_000L);
        }
        clock.observe(T0 + 599_000 + 23 * HOUR);
        assertEquals(T0 + 599_000, clock.now(), "one trade 23 h ahead is not yet event time");
        for (int i = 600; i < 1200; i++) {
            clock.observe(T0 + i * 1_000L);
            assertEquals(T0 + i * 1_000L, clock.now(), "the file goes on from where it was");
        }
    }

    @Test
    void anOvernightJumpIsFollowedAtItsSecondTrade() {
        EventClock clock = new EventClock(MAX_JUMP);
        long close = Instant.parse("2013-10-07T20:00:00Z").toEpochMilli();
        long open = Instant.parse("2013-10-08T13:30:00Z").toEpochMilli();
        clock.observe(close);
        clock.observe(open);
        assertEquals(close, clock.now(), "the first trade of the next day waits for a second");
        clock.observe(open + 40);
        assertEquals(open, clock.now(), "confirmed: to the nearer of the two");
        clock.observe(open + 90);
        assertEquals(open + 90, clock.now());
    }

    @Test
    void aWeekendJumpIsFollowedAndAnOutlierBeforeItDoesNotLeadIt() {
        EventClock clock = new EventClock(MAX_JUMP);
        long friday = Instant.parse("2024-08-09T19:59:00Z").toEpochMilli();
        long monday = Instant.parse("2024-08-12T13:30:00Z").toEpochMilli();
        clock.observe(friday);
        clock.observe(monday + 23 * HOUR); // a wrong timestamp, then the real Monday open
        clock.observe(monday);
        assertEquals(monday, clock.now(), "two trades far ahead: the jump is real, to the nearer one");
        clock.observe(monday + 1_000);
        assertEquals(monday + 1_000, clock.now(), "the Monday trades go on, none of them behind the clock");
    }

    @Test
    void anUnconfirmedTradeLeavesTheNextJumpToBeConfirmedAgain() {
        EventClock clock = new EventClock(MAX_JUMP);
        clock.observe(T0);
        clock.observe(T0 + 10 * HOUR);
        clock.observe(T0 + 1_000);
        clock.observe(T0 + 20 * HOUR);
        assertEquals(T0 + 1_000, clock.now(), "the outlier of 10 h does not confirm a later jump");
    }

    /** Two real trading days (the overnight jump), through the clock: no trade is ever behind it by a bucket. */
    @Test
    void noTradeOfTwoRecordedDaysFallsBehindTheClock() {
        Assumptions.assumeTrue(SharedData.present(LeanTicks.file("BAC", "20131008")), "no Lean data");
        List<TestTrade> trades = LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008"));
        EventClock clock = new EventClock(MAX_JUMP);
        long minute = 60_000;
        long grace = 2_000;
        int jumps = 0;
        long previous = Long.MIN_VALUE;
        for (TestTrade t : trades) {
            long closesAt = Math.floorDiv(t.ts(), minute) * minute + minute + grace;
            assertTrue(closesAt > clock.now(), "trade " + t + " would be late at " + Instant.ofEpochMilli(clock.now()));
            if (previous != Long.MIN_VALUE && t.ts() - previous > MAX_JUMP.toMillis()) {
                jumps++;
            }
            previous = t.ts();
            clock.observe(t.ts());
        }
        assertTrue(jumps >= 1, "the recording jumps by more than max-clock-jump (overnight): " + jumps);
        assertEquals(trades.get(trades.size() - 1).ts(), clock.now(), "and the clock followed it to the end");
    }
}
