package io.caravan.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;

/**
 * The newest closed bars of every symbol and interval, in memory: queries see a bar as soon as it closes, before
 * the database sink has written it, and without a database at all. Bounded per series by
 * {@code caravan.api.recent-bars}.
 */
@ApplicationScoped
@Named("recentBars")
public class RecentBars {

    private record Series(String symbol, String interval) {
    }

    private final int capacity;
    private final Map<Series, NavigableMap<Long, Bar>> series = new ConcurrentHashMap<>();

    public RecentBars(CaravanConfig config) {
        this.capacity = Math.max(1, config.api().recentBars());
    }

    /** The bars of a close (route {@code live-bars}). */
    public void addAll(List<Bar> bars) {
        for (Bar bar : bars) {
            add(bar);
        }
    }

    public void add(Bar bar) {
        NavigableMap<Long, Bar> bars = series.computeIfAbsent(new Series(bar.symbol(), bar.interval().label()),
                s -> new ConcurrentSkipListMap<>());
        bars.put(bar.openTime(), bar);
        while (bars.size() > capacity) {
            bars.pollFirstEntry();
        }
    }

    /** Closed bars in the query's range, newest {@code limit}, oldest first. */
    public List<Bar> find(String symbol, BarQuery query) {
        NavigableMap<Long, Bar> bars = series.get(new Series(symbol, query.interval().label()));
        if (bars == null) {
            return List.of();
        }
        List<Bar> newestFirst = new ArrayList<>();
        for (Bar bar : bars.headMap(query.to(), false).tailMap(query.from(), true).descendingMap().values()) {
            if (newestFirst.size() >= query.limit()) {
                break;
            }
            newestFirst.add(bar);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
