package io.caravan.market;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The calendar others ask: is an instrument's market in its regular session at a time? Staleness alarms and flat
 * bars apply only in session; trades outside it are kept and flagged, never dropped.
 */
public final class MarketSessions {

    private MarketSessions() {
    }

    public static boolean isOpen(Instrument instrument, Instant t) {
        return instrument.market().isOpen(t);
    }

    /** For a tick or bar: its provider and symbol as carried, at event time {@code epochMillis}. */
    public static boolean isOpen(String provider, String symbol, long epochMillis) {
        return Instruments.of(provider, symbol).market().isOpen(Instant.ofEpochMilli(epochMillis));
    }

    /** "In session now" by {@code clock}, for checks that run on a timer (staleness). */
    public static BooleanSupplier inSession(String provider, String symbol, Clock clock) {
        Instrument instrument = Instruments.of(provider, symbol);
        return () -> instrument.market().isOpen(clock.instant());
    }
}
