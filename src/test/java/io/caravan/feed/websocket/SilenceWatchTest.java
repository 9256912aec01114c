package io.caravan.feed.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.caravan.feed.websocket.SilenceWatch.Action;

class SilenceWatchTest {

    @Test
    void aConnectionThatKeepsTalkingIsNeverAsked() {
        SilenceWatch watch = new SilenceWatch(1000, 0);
        for (long t = 0; t < 10_000; t += 250) {
            watch.heard(t);
            assertEquals(Action.NONE, watch.check(t + 100, false));
        }
    }

    @Test
    void halfTheTimeInSilenceAsksOnceThenTheWholeTimeGivesUpOnce() {
        SilenceWatch watch = new SilenceWatch(1000, 0);
        assertEquals(Action.NONE, watch.check(499, false));
        assertEquals(Action.PING, watch.check(500, false));
        assertEquals(Action.NONE, watch.check(750, false), "one ping per silence");
        assertEquals(Action.GIVE_UP, watch.check(1000, false));
        assertTrue(watch.givenUp());
        assertEquals(Action.NONE, watch.check(5000, false), "given up once");
        watch.heard(5000);
        assertTrue(watch.givenUp(), "what comes after giving up does not bring it back");
    }

    @Test
    void anAnswerToThePingKeepsTheConnection() {
        SilenceWatch watch = new SilenceWatch(1000, 0);
        assertEquals(Action.PING, watch.check(600, false));
        watch.heard(610); // the pong
        assertEquals(Action.NONE, watch.check(1100, false));
        assertEquals(Action.PING, watch.check(1110, false), "a new silence is asked about again");
        assertFalse(watch.givenUp());
    }

    @Test
    void timePausedByBackPressureIsNoSilence() {
        SilenceWatch watch = new SilenceWatch(1000, 0);
        assertEquals(Action.NONE, watch.check(5000, true));
        assertEquals(Action.NONE, watch.check(5400, false));
        assertEquals(Action.PING, watch.check(5500, false));
        assertEquals(Action.GIVE_UP, watch.check(6000, false));
    }

    @Test
    void aTimeOfZeroIsNoWatch() {
        assertThrows(IllegalArgumentException.class, () -> new SilenceWatch(0, 0));
        assertEquals(25, SilenceWatch.checkPeriod(40));
        assertEquals(7500, SilenceWatch.checkPeriod(30_000));
    }
}
