package io.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;

class RecentBarsTest {

    static final Interval M1 = Interval.parse("1m");
    static final long T0 = 1_700_000_040_000L;

    static Bar bar(String symbol, long openTime, int revision) {
        BigDecimal price = BigDecimal.valueOf(100 + revision);
        return new Bar(symbol, M1, openTime, price, price, price, price, BigDecimal.ONE, price, price, 1L,
                revision == 0 ? BarQuality.LIVE : BarQuality.BACKFILLED, revision);
    }

    static BarQuery query(long from, long to, int limit) {
        return new BarQuery(M1, from, to, limit);
    }

    @Test
    void keepsTheNewestBarsOfEachSeriesInOrder() {
        RecentBars recent = new RecentBars(3);
        for (int i = 0; i < 5; i++) {
            recent.add(bar("AAA", T0 + i * 60_000, 0));
        }
        recent.add(bar("BBB", T0, 0));
        assertEquals(List.of(T0 + 120_000, T0 + 180_000, T0 + 240_000),
                recent.find("AAA", query(0, Long.MAX_VALUE, 10)).stream().map(Bar::openTime).toList());
        assertEquals(List.of(T0 + 180_000, T0 + 240_000),
                recent.find("AAA", query(0, Long.MAX_VALUE, 2)).stream().map(Bar::openTime).toList(), "the newest 2");
        assertEquals(List.of(T0 + 120_000), recent.find("AAA", query(T0, T0 + 180_000, 10)).stream()
                .map(Bar::openTime).toList(), "from inclusive, to exclusive");
        assertEquals(1, recent.find("BBB", query(0, Long.MAX_VALUE, 10)).size());
        assertEquals(List.of(), recent.find("CCC", query(0, Long.MAX_VALUE, 10)));
    }

    @Test
    void aRevisionReplacesItsBarAndABackfilledBarTakesItsPlace() {
        RecentBars recent = new RecentBars(10);
        recent.add(bar("AAA", T0, 0));
        recent.add(bar("AAA", T0 + 120_000, 0));
        recent.add(bar("AAA", T0 + 60_000, 1)); // backfilled, between the two
        recent.add(bar("AAA", T0, 1)); // a revision
        List<Bar> found = recent.find("AAA", query(0, Long.MAX_VALUE, 10));
        assertEquals(List.of(T0, T0 + 60_000, T0 + 120_000), found.stream().map(Bar::openTime).toList());
        assertEquals(List.of(1, 1, 0), found.stream().map(Bar::revision).toList());
    }

    /** Random bars in random order against the plain model: a sorted map, its oldest entries dropped past the bound. */
    @Test
    void answersAsASortedMapBoundedByItsOldestDoes() {
        Random random = new Random(13);
        for (int capacity : List.of(1, 3, 7, 50)) {
            RecentBars recent = new RecentBars(capacity);
            TreeMap<Long, Bar> model = new TreeMap<>();
            for (int i = 0; i < 3_000; i++) {
                // mostly the next minute, sometimes an older one (backfill) or one already there (revision)
                long open = random.nextInt(10) < 8 ? T0 + i * 60_000L : T0 + random.nextInt(i + 1) * 60_000L;
                Bar bar = bar("AAA", open, random.nextInt(3));
                recent.add(bar);
                model.put(open, bar);
                while (model.size() > capacity) {
                    model.pollFirstEntry();
                }
                long from = T0 + (random.nextInt(i + 2) - 1) * 60_000L;
                long to = from + random.nextInt(capacity + 3) * 60_000L;
                int limit = random.nextInt(capacity + 2);
                assertEquals(expected(model, from, to, limit), recent.find("AAA", query(from, to, limit)),
                        "capacity " + capacity + ", step " + i);
            }
        }
    }

    private static List<Bar> expected(TreeMap<Long, Bar> model, long from, long to, int limit) {
        List<Bar> newestFirst = new ArrayList<>();
        if (from < to) {
            for (Bar bar : model.subMap(from, true, to, false).descendingMap().values()) {
                if (newestFirst.size() >= limit) {
                    break;
                }
                newestFirst.add(bar);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
