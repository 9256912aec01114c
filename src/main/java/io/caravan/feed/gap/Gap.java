package io.caravan.feed.gap;

import java.time.Instant;

/**
 * Trades a feed did not receive: those of its symbols (its subscription) with {@code after < ts < before} (event times, epoch ms).
 * {@code after} is the newest trade time received before the connection was lost (or, at start-up, just before the
 * start of the longest interval); {@code before} the first trade time received after it came back. A frame carries
 * all trades of one time, so trades at exactly those times were received and are not fetched again.
 */
public record Gap(String provider, long after, long before, boolean startup) {

    @Override
    public String toString() {
        return (startup ? "start-up backfill " : "gap ") + provider + " " + Instant.ofEpochMilli(after) + " .. "
                + Instant.ofEpochMilli(before);
    }
}
