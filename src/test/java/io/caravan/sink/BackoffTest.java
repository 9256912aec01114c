package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void stepsDoubleUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(1));
        assertEquals(500, backoff.step(0));
        assertEquals(1_000, backoff.step(1));
        assertEquals(8_000, backoff.step(4));
        assertEquals(10_000, backoff.step(5));
        assertEquals(10_000, backoff.step(Integer.MAX_VALUE), "no overflow however long the outage");
    }

    @Test
    void eachDelayIsDrawnFromTheUpperHalfOfItsStep() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(7));
        for (int attempt = 0; attempt < 40; attempt++) {
            long step = backoff.step(attempt);
            for (int i = 0; i < 200; i++) {
                long delay = backoff.delay(attempt).toMillis();
                assertTrue(delay >= step / 2 && delay <= step, attempt + ": " + delay + " outside [" + step / 2
                        + ", " + step + "]");
            }
        }
    }

    @Test
    void delaysAreJittered() {
        Set<Long> seen = new HashSet<>();
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(3));
        for (int i = 0; i < 50; i++) {
            seen.add(backoff.delay(6).toMillis());
        }
        assertTrue(seen.size() > 20, "50 draws at the cap gave only " + seen.size() + " distinct delays");
        assertNotEquals(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(4)).delay(6),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(5)).delay(6));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
