package io.caravan.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;

/**
 * The newest closed bars of every symbol and interval, in memory: queries see a bar as soon as it closes, before
 * the database sink has written it, and without a database at all. Bounded per series by
 * {@code caravan.api.recent-bars}.
 * <p>
 * A series is a sorted array of its bars, appended to as they close (a revision replaces its bar, a bar older than
 * the newest, from a backfill, is put in its place): each close of a sparse universe adds a bar to thousands of
 * series, and a concurrent skip list per series was the hottest frame of such a run.
 */
@ApplicationScoped
@Named("recentBars")
public class RecentBars {

    private record SeriesKey(String symbol, String interval) {
    }

    private final int capacity;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();

    @Inject
    public RecentBars(CaravanConfig config) {
        this(config.api().recentBars());
    }

    RecentBars(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** The bars of a close (route {@code live-bars}). */
    public void addAll(List<Bar> bars) {
        for (Bar bar : bars) {
            add(bar);
        }
    }

    public void add(Bar bar) {
        series.computeIfAbsent(new SeriesKey(bar.symbol(), bar.interval().label()), s -> new Series(capacity)).put(bar);
    }

    /** Closed bars in the query's range, newest {@code limit}, oldest first. */
    public List<Bar> find(String symbol, BarQuery query) {
        Series bars = series.get(new SeriesKey(symbol, query.interval().label()));
        return bars == null ? List.of() : bars.find(query.from(), query.to(), query.limit());
    }

    /** One series' newest bars, at most {@code capacity}, in open-time order; grows as bars come. */
    static final class Series {
        private final int capacity;
        private Bar[] bars = new Bar[4];
        /** Index of the oldest bar: the array is a ring, so dropping the oldest moves nothing. */
        private int head;
        private int size;

        Series(int capacity) {
            this.capacity = capacity;
        }

        synchronized void put(Bar bar) {
            long open = bar.openTime();
            if (size == 0 || open > get(size - 1).openTime()) {
                if (size == capacity) {
                    dropOldest();
                }
                insert(size, bar);
                return;
            }
            int at = firstAtOrAfter(open);
            if (at < size && get(at).openTime() == open) {
                bars[index(at)] = bar; // its revision
                return;
            }
            if (size == capacity) {
                if (at == 0) {
                    return; // older than every bar kept
                }
                dropOldest();
                at--;
            }
            insert(at, bar);
        }

        /** The newest {@code limit} bars with from <= open time < to, oldest first. */
        synchronized List<Bar> find(long from, long to, int limit) {
            int end = firstAtOrAfter(to);
            int begin = Math.max(firstAtOrAfter(from), end - Math.max(0, limit));
            List<Bar> found = new ArrayList<>(Math.max(0, end - begin));
            for (int i = begin; i < end; i++) {
                found.add(get(i));
            }
            return found;
        }

        private Bar get(int i) {
            return bars[index(i)];
        }

        private int index(int i) {
            return (head + i) % bars.length;
        }

        /** The position of the first bar opening at or after {@code openTime}; size when none does. */
        private int firstAtOrAfter(long openTime) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (get(mid).openTime() < openTime) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private void dropOldest() {
            bars[head] = null;
            head = (head + 1) % bars.length;
            size--;
        }

        private void insert(int at, Bar bar) {
            if (size == bars.length) {
                Bar[] grown = new Bar[Math.min(Math.max(4, bars.length * 2), capacity)];
                for (int i = 0; i < size; i++) {
                    grown[i] = get(i);
                }
                bars = grown;
                head = 0;
            }
            for (int i = size; i > at; i--) {
                bars[index(i)] = bars[index(i - 1)];
            }
            bars[index(at)] = bar;
            size++;
        }
    }
}
