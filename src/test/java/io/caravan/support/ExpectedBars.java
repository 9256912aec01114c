package io.caravan.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bars the tests expect, computed straight from the trades for every interval (no rollup, no production code):
 * group by bucket, sort by (ts, order), first/last/max/min/sums.
 */
public final class ExpectedBars {

    public static final List<String> ALL_INTERVALS = List.of("1m", "5m", "15m", "30m", "1h");

    private ExpectedBars() {
    }

    /** Key of a bar in the maps the tests compare: {@code SYMBOL|interval|ISO open time}. */
    public static String key(String symbol, String interval, Instant openTime) {
        return symbol + "|" + interval + "|" + openTime;
    }

    public static long millis(String interval) {
        long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 's' -> n * 1000;
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            default -> throw new IllegalArgumentException(interval);
        };
    }

    public static Map<String, ExpectedBar> compute(List<TestTrade> trades, List<String> intervals) {
        Map<String, ExpectedBar> bars = new TreeMap<>();
        for (String interval : intervals) {
            long size = millis(interval);
            Map<String, List<TestTrade>> buckets = new TreeMap<>();
            for (TestTrade t : trades) {
                long open = Math.floorDiv(t.ts(), size) * size;
                buckets.computeIfAbsent(key(t.symbol(), interval, Instant.ofEpochMilli(open)), k -> new ArrayList<>()).add(t);
            }
            buckets.forEach((key, group) -> bars.put(key, bar(group)));
        }
        return bars;
    }

    private static ExpectedBar bar(List<TestTrade> group) {
        List<TestTrade> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparingLong(TestTrade::ts).thenComparingLong(TestTrade::order));
        BigDecimal high = sorted.get(0).price();
        BigDecimal low = high;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (TestTrade t : sorted) {
            high = high.max(t.price());
            low = low.min(t.price());
            volume = volume.add(t.size());
            notional = notional.add(t.price().multiply(t.size()));
        }
        BigDecimal vwap = volume.signum() == 0 ? null : notional.divide(volume, 10, RoundingMode.HALF_EVEN);
        return new ExpectedBar(sorted.get(0).price(), high, low, sorted.get(sorted.size() - 1).price(), volume, vwap,
                sorted.size());
    }
}
