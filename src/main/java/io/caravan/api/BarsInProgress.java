package io.caravan.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.bar.Bar;
import io.caravan.bar.BarBook;
import io.caravan.bar.BarBuilder;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.Interval;
import io.caravan.bar.OpenBars;

/**
 * The bars still open for a symbol, read from the aggregators' groups (one {@link BarBook} per open bucket) without
 * changing them. A longer bar in progress is its rollup book's bar (the base bars already closed in its bucket) plus
 * the base bars still open in it: the same arithmetic as when it closes.
 */
@ApplicationScoped
public class BarsInProgress {

    private final OpenBars openBars;
    private final BarIntervals intervals;

    public BarsInProgress(OpenBars openBars, BarIntervals intervals) {
        this.openBars = openBars;
        this.intervals = intervals;
    }

    /**
     * The bars of the symbol still open, oldest first: usually one, two while the previous bucket waits out its
     * grace.
     */
    public List<Bar> open(String symbol, Interval interval) {
        return open(symbol, interval, openBars.baseBooks(), openBars.rollupBooks());
    }

    /** For many symbols at once (a live frame): the open books are listed once. */
    public Snapshot snapshot() {
        return new Snapshot();
    }

    public final class Snapshot {

        private List<BarBook> base;
        private List<BarBook> rolled;

        private Snapshot() {
        }

        public List<Bar> open(String symbol, Interval interval) {
            if (base == null) {
                base = openBars.baseBooks();
                rolled = openBars.rollupBooks();
            }
            return BarsInProgress.this.open(symbol, interval, base, rolled);
        }
    }

    private List<Bar> open(String symbol, Interval interval, List<BarBook> base, List<BarBook> rollups) {
        List<BarBook> rolled = interval.equals(intervals.base()) ? List.of()
                : rollups.stream().filter(b -> b.interval().equals(interval)).toList();
        SortedSet<Long> buckets = new TreeSet<>();
        base.forEach(b -> buckets.add(interval.bucketStart(b.openTime())));
        rolled.forEach(b -> buckets.add(b.openTime()));
        List<Bar> bars = new ArrayList<>();
        for (long bucket : buckets) {
            BarBuilder merged = new BarBuilder(symbol, interval, bucket);
            int parts = mergeInto(merged, rolled, symbol, interval, bucket)
                    + mergeInto(merged, base, symbol, interval, bucket);
            if (parts > 0) {
                bars.add(merged.build());
            }
        }
        return bars;
    }

    private static int mergeInto(BarBuilder merged, List<BarBook> books, String symbol, Interval interval,
            long bucket) {
        int parts = 0;
        for (BarBook book : books) {
            if (interval.bucketStart(book.openTime()) == bucket) {
                Optional<Bar> bar = book.bar(symbol);
                if (bar.isPresent()) {
                    merged.merge(bar.get());
                    parts++;
                }
            }
        }
        return parts;
    }
}
