package io.caravan.sink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between retries of a sink write: doubling from {@code initial} up to {@code max}, each drawn at random from
 * the upper half of that step ("equal jitter"), so sinks and instances that lost the same database do not come back
 * in lock step, and a retry never waits less than half the step.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, was " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (0 = the first retry). */
    public Duration delay(int attempt) {
        long step = step(attempt);
        long half = step / 2;
        return Duration.ofMillis(step - half + random.nextLong(half + 1));
    }

    /** The step before jitter: initial × 2^attempt, capped. */
    long step(int attempt) {
        long step = initialMillis;
        for (int i = 0; i < attempt && step < maxMillis; i++) {
            step *= 2;
        }
        return Math.min(step, maxMillis);
    }
}
