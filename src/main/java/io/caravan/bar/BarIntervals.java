package io.caravan.bar;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;

/**
 * The configured intervals: the smallest is built from ticks, the others are rolled up from its closed bars
 * (which gives exactly what aggregating the ticks directly would give, since buckets nest).
 */
@ApplicationScoped
public class BarIntervals {

    private final Interval base;
    private final List<Interval> rollups;
    private final long graceMillis;

    public BarIntervals(CaravanConfig config) {
        List<Interval> all = config.intervals().stream().map(Interval::parse).sorted().toList();
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).millis() == all.get(i - 1).millis()) {
                throw new IllegalArgumentException("caravan.intervals: " + all.get(i - 1) + " and " + all.get(i) + " are the same length");
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("caravan.intervals is empty");
        }
        this.base = all.get(0);
        this.rollups = all.subList(1, all.size());
        for (Interval i : rollups) {
            if (i.millis() % base.millis() != 0) {
                throw new IllegalArgumentException("caravan.intervals: " + i + " is not a multiple of " + base);
            }
        }
        Duration grace = config.bars().grace();
        if (grace.isNegative()) {
            throw new IllegalArgumentException("caravan.bars.grace must not be negative");
        }
        this.graceMillis = grace.toMillis();
    }

    public Interval base() {
        return base;
    }

    public List<Interval> rollups() {
        return rollups;
    }

    public long graceMillis() {
        return graceMillis;
    }

    /** When a bucket of this interval opened at {@code openTime} closes. */
    public long closesAt(Interval interval, long openTime) {
        return openTime + interval.millis() + graceMillis;
    }
}
