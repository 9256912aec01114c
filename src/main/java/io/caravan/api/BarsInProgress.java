package io.caravan.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;

import io.caravan.bar.Bar;
import io.caravan.bar.BarBuilder;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.BarKey;
import io.caravan.bar.OpenBar;
import io.caravan.bar.Interval;
import io.caravan.bar.OpenBars;

/**
 * The bars still open for a symbol, read from the aggregators' groups without changing them. A longer bar in
 * progress is its rollup group (the base bars already closed in its bucket) plus the base bars still open in it:
 * the same arithmetic as when it closes.
 */
@ApplicationScoped
public class BarsInProgress {

    private final OpenBars openBars;
    private final BarIntervals intervals;
    private final CamelContext camel;

    public BarsInProgress(OpenBars openBars, BarIntervals intervals, CamelContext camel) {
        this.openBars = openBars;
        this.intervals = intervals;
        this.camel = camel;
    }

    /**
     * The bars of the symbol still open, oldest first: usually one, two while the previous bucket waits out its
     * grace.
     */
    public List<Bar> open(String symbol, Interval interval) {
        List<BarKey> base = keysOf(openBars.baseGroups(), symbol);
        List<BarKey> rolled = interval.equals(intervals.base()) ? List.of() : keysOf(openBars.rollupGroups(), symbol)
                .stream().filter(k -> k.intervalMillis() == interval.millis()).toList();
        SortedSet<Long> buckets = new TreeSet<>();
        base.forEach(k -> buckets.add(interval.bucketStart(k.openTime())));
        rolled.forEach(k -> buckets.add(k.openTime()));
        List<Bar> bars = new ArrayList<>();
        for (long bucket : buckets) {
            BarBuilder merged = new BarBuilder(symbol, interval, bucket);
            int parts = mergeInto(merged, openBars.rollupGroups(), rolled, interval, bucket)
                    + mergeInto(merged, openBars.baseGroups(), base, interval, bucket);
            if (parts > 0) {
                bars.add(merged.build());
            }
        }
        return bars;
    }

    private int mergeInto(BarBuilder merged, MemoryAggregationRepository repository, List<BarKey> keys,
            Interval interval, long bucket) {
        int parts = 0;
        for (BarKey k : keys) {
            if (interval.bucketStart(k.openTime()) == bucket) {
                Optional<Bar> bar = snapshot(repository, k);
                if (bar.isPresent()) {
                    merged.merge(bar.get());
                    parts++;
                }
            }
        }
        return parts;
    }

    private Optional<Bar> snapshot(MemoryAggregationRepository repository, BarKey key) {
        Exchange group = repository.get(camel, key.text());
        // the group may have closed since its key was listed; its bar is then among the closed ones
        OpenBar builder = group == null ? null : group.getMessage().getBody(OpenBar.class);
        return builder == null ? Optional.empty() : Optional.of(builder.build());
    }

    private static List<BarKey> keysOf(MemoryAggregationRepository repository, String symbol) {
        List<BarKey> keys = new ArrayList<>();
        for (String text : repository.getKeys()) {
            if (text.startsWith(symbol) && text.length() > symbol.length() && text.charAt(symbol.length()) == '|') {
                keys.add(BarKey.parse(text));
            }
        }
        return keys;
    }
}
