package io.caravan.bar;

import java.util.Map;
import java.util.TreeMap;

/**
 * A longer bar (5m, 1h, ...) kept as its finer parts, one per part open time. A revised part replaces the part it
 * revises instead of adding to it, so that a gap-filled minute changes the hour it belongs to exactly once; the
 * arithmetic stays {@link BarBuilder}'s.
 */
public final class RollupBar implements OpenBar {

    private final String symbol;
    private final Interval interval;
    private final long openTime;
    private final Map<Long, Bar> parts = new TreeMap<>();

    public RollupBar(String symbol, Interval interval, long openTime) {
        this.symbol = symbol;
        this.interval = interval;
        this.openTime = openTime;
    }

    public static RollupBar forPart(Bar part, Interval interval) {
        return new RollupBar(part.symbol(), interval, interval.bucketStart(part.openTime())).put(part);
    }

    /** Adds a part, or replaces the part with the same open time (a revision of it). */
    public synchronized RollupBar put(Bar part) {
        if (interval.bucketStart(part.openTime()) != openTime || !symbol.equals(part.symbol())
                || part.interval().millis() >= interval.millis()) {
            throw new IllegalArgumentException("bar " + part + " does not roll up into " + symbol + " " + interval
                    + " @" + openTime);
        }
        parts.put(part.openTime(), part);
        return this;
    }

    /** A copy holding the same parts, for a revision of a closed bar. */
    public synchronized RollupBar copy() {
        RollupBar copy = new RollupBar(symbol, interval, openTime);
        copy.parts.putAll(parts);
        return copy;
    }

    @Override
    public Bar build() {
        return build(0);
    }

    public synchronized Bar build(int revision) {
        BarBuilder builder = new BarBuilder(symbol, interval, openTime);
        parts.values().forEach(builder::merge);
        return builder.build(revision);
    }
}
