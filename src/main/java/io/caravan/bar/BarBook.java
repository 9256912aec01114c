package io.caravan.bar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.caravan.tick.Tick;

/**
 * Every symbol's bar of one bucket ({@code interval}, {@code openTime}) while it is open: the body of one aggregation
 * group. Trades go into their symbol's {@link BarBuilder}; closed finer bars (rollups) into their symbol's
 * {@link RollupBar}. The arithmetic stays theirs. Closing the book gives every bar of the bucket at once, in symbol
 * order (the order in which the bars of one bucket have always been emitted).
 * <p>
 * Synchronized: the view of bars in progress ({@code api.BarsInProgress}) reads a book while trades are added.
 */
public final class BarBook {

    /** A bar of a closed book with the state it was built from (kept for revisions, {@link ClosedBars}). */
    public record Closed(Bar bar, OpenBar state) {
    }

    private final Interval interval;
    private final long openTime;
    private final Map<String, OpenBar> bars = new HashMap<>();
    private boolean closed;

    public BarBook(Interval interval, long openTime) {
        if (interval.bucketStart(openTime) != openTime) {
            throw new IllegalArgumentException(openTime + " is not the start of a " + interval + " bucket");
        }
        this.interval = interval;
        this.openTime = openTime;
    }

    /** The correlation key of a bucket's group: a {@link BarKey} without symbol. */
    public static BarKey keyOf(Interval interval, long openTime) {
        return new BarKey("", interval.millis(), openTime);
    }

    public BarKey key() {
        return keyOf(interval, openTime);
    }

    public Interval interval() {
        return interval;
    }

    public long openTime() {
        return openTime;
    }

    /** A trade of this bucket into its symbol's bar; {@code backfill}: fetched over REST, the bar is marked so. */
    public synchronized void add(Tick tick, boolean backfill) {
        BarBuilder bar = (BarBuilder) bars.computeIfAbsent(tick.symbol(), s -> new BarBuilder(s, interval, openTime));
        bar.add(tick);
        if (backfill) {
            bar.markBackfilled();
        }
    }

    /** A closed finer bar into its symbol's longer bar of this bucket. */
    public synchronized void addPart(Bar part) {
        ((RollupBar) bars.computeIfAbsent(part.symbol(), s -> new RollupBar(s, interval, openTime))).put(part);
    }

    /** The symbol's bar as it stands now, if the symbol has one in this bucket that is still open. */
    public synchronized Optional<Bar> bar(String symbol) {
        OpenBar bar = closed ? null : bars.get(symbol);
        return bar == null ? Optional.empty() : Optional.of(bar.build());
    }

    /** The symbols with a bar in this bucket, none once it has closed. */
    public synchronized List<String> symbols() {
        return closed ? List.of() : new ArrayList<>(bars.keySet());
    }

    /** Number of bars (symbols) in the book. */
    public synchronized int size() {
        return bars.size();
    }

    /** Every bar of the bucket, built once, in symbol order; the book then shows no bar in progress. */
    public synchronized List<Closed> close() {
        closed = true;
        List<String> symbols = new ArrayList<>(bars.keySet());
        symbols.sort(null);
        List<Closed> closed = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            OpenBar state = bars.get(symbol);
            closed.add(new Closed(state.build(), state));
        }
        return closed;
    }
}
