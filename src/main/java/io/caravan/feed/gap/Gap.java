package io.caravan.feed.gap;

import java.time.Instant;

/**
 * Trades a feed did not receive: those of its symbols (its subscription, or the one {@code symbol}) with
 * {@code after < ts < before} (event times, epoch ms). {@code after} is the newest trade time received before the
 * connection was lost (or, at start-up, just before the start of the longest interval); {@code before} the first trade
 * time received after it came back. A frame carries all trades of one time, so trades at exactly those times were
 * received and are not fetched again. {@code connection} is the connection the gap ended on, where each symbol's own
 * live trades begin ({@link FeedGaps.Connection}); null for a gap that is filled to {@code before} as it is.
 * {@code symbol} (a subscribed symbol, as the feed names it) limits the gap to that symbol; null = all of them.
 */
public record Gap(String provider, long after, long before, boolean startup, FeedGaps.Connection connection,
        String symbol) {

    public Gap(String provider, long after, long before, boolean startup) {
        this(provider, after, before, startup, null, null);
    }

    /** The same provider, span and symbols, whichever connection it ended on. */
    public boolean sameSpan(Gap other) {
        return provider.equals(other.provider) && after == other.after && before == other.before
                && startup == other.startup && java.util.Objects.equals(symbol, other.symbol);
    }

    @Override
    public String toString() {
        return (startup ? "start-up backfill " : "gap ") + provider + (symbol == null ? "" : " " + symbol) + " "
                + Instant.ofEpochMilli(after) + " .. " + Instant.ofEpochMilli(before);
    }
}
