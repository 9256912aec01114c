package io.caravan.bar;

import java.util.Locale;

/** How complete a bar is known to be. */
public enum BarQuality {
    /** Built from the trades the feed delivered live. */
    LIVE,
    /** Holds trades fetched over REST after a disconnect or at start-up (gap-fill, backfill). */
    BACKFILLED;

    /** The text written to the sinks: {@code live}, {@code backfilled}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
