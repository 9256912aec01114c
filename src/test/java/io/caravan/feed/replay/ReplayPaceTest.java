package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ReplayPaceTest {

    @Test
    void speedIsMaxOrAPositiveFiniteFactor() {
        assertEquals(OptionalDouble.empty(), ReplayPace.parseSpeed(" MAX "));
        assertEquals(OptionalDouble.of(2.5), ReplayPace.parseSpeed("2.5"));
        for (String bad : new String[] { "0", "-1", "fast", "", "Infinity", "NaN" }) {
            assertThrows(IllegalArgumentException.class, () -> ReplayPace.parseSpeed(bad), bad);
        }
    }

    @Test
    void atMaxSpeedEverythingIsDueAtOnce() throws InterruptedException {
        ReplayPace pace = new ReplayPace(OptionalDouble.empty());
        pace.awaitDue(0);
        assertTrue(pace.isDue(3_600_000));
    }

    @Test
    void eventsAreDueByTheirTimeDividedByTheFactor() throws InterruptedException {
        ReplayPace pace = new ReplayPace(OptionalDouble.of(1));
        pace.awaitDue(1_000);
        pace.advance(1_000);
        assertFalse(pace.isDue(61_000), "a minute later in event time is not due yet");
        assertTrue(pace.isDue(500), "an older event is due at once");
        long started = System.nanoTime();
        pace.awaitDue(1_050);
        assertTrue(System.nanoTime() - started >= 40_000_000L, "waited about 50 ms");
    }
}
