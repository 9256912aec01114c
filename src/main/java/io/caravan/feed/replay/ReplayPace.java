package io.caravan.feed.replay;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Plays recorded time back at a speed: maps event time to wall time from the first event on. Shared by the replay
 * feed and the simulator's file mode. Event time never runs backwards here: an event older than one already played
 * is due at once rather than holding up the events behind it.
 */
public final class ReplayPace {

    private final OptionalDouble factor;
    private boolean started;
    private long wallStartNanos;
    private long startMillis;
    private long clockMillis;

    /** @param factor empty = as fast as possible */
    public ReplayPace(OptionalDouble factor) {
        this.factor = factor;
    }

    /** {@code max} → empty (no pacing), else a positive, finite factor of real time. */
    public static OptionalDouble parseSpeed(String text) {
        String speed = text == null ? "" : text.trim();
        if (speed.equalsIgnoreCase("max")) {
            return OptionalDouble.empty();
        }
        try {
            double factor = Double.parseDouble(speed);
            if (factor > 0 && Double.isFinite(factor)) {
                return OptionalDouble.of(factor);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("speed must be 'max' or a positive factor, not '" + text + "'");
    }

    public boolean isMaxSpeed() {
        return factor.isEmpty();
    }

    public boolean isDue(long eventMillis) {
        return factor.isEmpty() || !started || dueNanos(eventMillis) <= System.nanoTime();
    }

    /** Sleeps until the event is due; the first event starts the clock. */
    public void awaitDue(long eventMillis) throws InterruptedException {
        if (factor.isEmpty()) {
            return;
        }
        if (!started) {
            started = true;
            wallStartNanos = System.nanoTime();
            startMillis = clockMillis = eventMillis;
            return;
        }
        long wait = dueNanos(eventMillis) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Records that the event was played. */
    public void advance(long eventMillis) {
        clockMillis = Math.max(clockMillis, eventMillis);
    }

    private long dueNanos(long eventMillis) {
        long elapsed = Math.max(clockMillis, eventMillis) - startMillis;
        return wallStartNanos + (long) (elapsed * 1_000_000d / factor.getAsDouble());
    }
}
