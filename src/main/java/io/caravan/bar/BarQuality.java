package io.caravan.bar;

import java.util.Locale;

/** How complete a bar is known to be. */
public enum BarQuality {
    /** Built from the trades the feed delivered live. */
    LIVE,
    /** Holds trades fetched over REST after a disconnect or at start-up (gap-fill, backfill). */
    BACKFILLED,
    /**
     * No trades in an in-session bucket ({@code caravan.bars.flat}): open = high = low = close = the last price
     * before it, volume 0, no VWAP, 0 trades. Written to the watchers and sinks only, never rolled up.
     */
    FLAT;

    /** The text written to the sinks: {@code live}, {@code backfilled}, {@code flat}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
