package io.caravan.bar;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;

/**
 * The state of bars closed within the revision window ({@code caravan.bars.revision-window}), so that trades found
 * later (gap-fill) can revise them: a base bar's {@link BarBuilder}, a longer bar's {@link RollupBar}, each with its
 * revision number. Bars close roughly in time order, so the oldest are evicted from the head.
 * <p>
 * Guarded by the {@link OpenBars} lock, as everything that closes or revises bars.
 */
@ApplicationScoped
public class ClosedBars {

    public record Closed(OpenBar state, int revision, long closesAt) {
    }

    private final long windowMillis;
    private final long graceMillis;
    private final Map<String, Closed> byKey = new LinkedHashMap<>();

    public ClosedBars(CaravanConfig config, BarIntervals intervals) {
        this.windowMillis = config.bars().revisionWindow().toMillis();
        this.graceMillis = intervals.graceMillis();
    }

    public void remember(Bar bar, OpenBar state) {
        long closesAt = bar.openTime() + bar.interval().millis() + graceMillis;
        byKey.remove(bar.key()); // a revision moves to the tail
        byKey.put(bar.key(), new Closed(state, bar.revision(), closesAt));
    }

    /** Every bar of a closed book, remembered; returns them in the book's order. */
    public List<Bar> remember(BarBook book) {
        List<BarBook.Closed> closed = book.close();
        List<Bar> bars = new ArrayList<>(closed.size());
        for (BarBook.Closed bar : closed) {
            remember(bar.bar(), bar.state());
            bars.add(bar.bar());
        }
        return bars;
    }

    public Closed get(String key) {
        return byKey.get(key);
    }

    /** Whether a bar closing at {@code closesAt} can still be revised at {@code now}. */
    public boolean revisable(long closesAt, long now) {
        return closesAt >= now || now - closesAt < windowMillis;
    }

    /** Forgets the bars that closed longer than the window before {@code now}. */
    public void evict(long now) {
        Iterator<Closed> it = byKey.values().iterator();
        while (it.hasNext() && !revisable(it.next().closesAt(), now)) {
            it.remove();
        }
    }

    public int size() {
        return byKey.size();
    }
}
