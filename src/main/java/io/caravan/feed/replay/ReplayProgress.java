package io.caravan.feed.replay;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The replay's progress line for the console: percent of the input's bytes read, lines, trades, trades per second
 * since the start and the time left at that pace; at most once per {@code everyNanos}, so a fast replay does not
 * flood the log.
 */
final class ReplayProgress {

    private final LongSupplier nanoClock;
    private final long everyNanos;
    private final long startedNanos;
    private long lastReportNanos;

    ReplayProgress(LongSupplier nanoClock, long everyNanos) {
        this.nanoClock = nanoClock;
        this.everyNanos = everyNanos;
        this.startedNanos = nanoClock.getAsLong();
        this.lastReportNanos = startedNanos;
    }

    /** The line to print now, or empty when the last one is too recent. */
    Optional<String> due(double fraction, long lines, long trades) {
        long now = nanoClock.getAsLong();
        if (now - lastReportNanos < everyNanos) {
            return Optional.empty();
        }
        lastReportNanos = now;
        double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
        String eta = fraction <= 0 ? "unknown" : duration(Math.round(seconds * (1 - fraction) / fraction));
        return Optional.of(String.format(Locale.ROOT, "Replay %.1f%%: %d lines, %d trades, %d trades/s, ETA %s",
                fraction * 100, lines, trades, Math.round(trades / seconds), eta));
    }

    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
