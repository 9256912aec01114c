package io.caravan.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One-minute OHLCV of every trade served, per symbol, so the simulator can answer Finnhub's candle endpoint.
 * Coarser resolutions are rolled up per request: they are rare, and one source of truth cannot disagree with itself.
 * Open and close follow serving order, which is file order in a replay.
 */
final class CandleStore {

    /** Counted back from each symbol's newest bar, not the wall clock: replayed files may be years old. */
    static final Duration RETENTION = Duration.ofDays(7);

    private static final long MINUTE = 60_000L;

    record Candle(long startSeconds, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
            BigDecimal volume) {
    }

    private static final class MinuteBar {
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume;

        MinuteBar(BigDecimal price, BigDecimal size) {
            open = high = low = close = price;
            volume = size;
        }

        MinuteBar copy() {
            MinuteBar copy = new MinuteBar(open, volume);
            copy.high = high;
            copy.low = low;
            copy.close = close;
            return copy;
        }

        void add(BigDecimal price, BigDecimal size) {
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(size);
        }
    }

    private final Map<String, TreeMap<Long, MinuteBar>> bySymbol = new HashMap<>();

    synchronized void record(SimTrade trade) {
        BigDecimal price = new BigDecimal(trade.price());
        BigDecimal size = new BigDecimal(trade.size());
        TreeMap<Long, MinuteBar> bars = bySymbol.computeIfAbsent(trade.symbol(), s -> new TreeMap<>());
        long minute = Math.floorDiv(trade.timestamp(), MINUTE) * MINUTE;
        MinuteBar bar = bars.get(minute);
        if (bar == null) {
            bars.put(minute, new MinuteBar(price, size));
            long oldestKept = bars.lastKey() - RETENTION.toMillis();
            while (bars.firstKey() < oldestKept) {
                bars.pollFirstEntry();
            }
        } else {
            bar.add(price, size);
        }
    }

    /** Bars whose start lies in [fromSeconds, toSeconds], oldest first. */
    synchronized List<Candle> candles(String symbol, CandleResolution resolution, long fromSeconds,
            long toSeconds) {
        TreeMap<Long, MinuteBar> bars = bySymbol.get(symbol);
        List<Candle> result = new ArrayList<>();
        if (bars == null || fromSeconds > toSeconds) {
            return result;
        }
        long from = Math.multiplyExact(fromSeconds, 1000L);
        long to = Math.multiplyExact(toSeconds, 1000L);
        // a bar starting at or before `to` holds minutes up to to + resolution
        NavigableMap<Long, MinuteBar> minutes = bars.subMap(from, true, Math.addExact(to, resolution.millis()), false);
        Long currentStart = null;
        MinuteBar current = null;
        for (Map.Entry<Long, MinuteBar> entry : minutes.entrySet()) {
            long start = resolution.barStart(entry.getKey());
            if (start < from || start > to) {
                continue;
            }
            MinuteBar minute = entry.getValue();
            if (currentStart == null || start != currentStart) {
                if (current != null) {
                    result.add(toCandle(currentStart, current));
                }
                currentStart = start;
                current = minute.copy(); // the stored minute must not absorb the roll-up
            } else {
                current.high = current.high.max(minute.high);
                current.low = current.low.min(minute.low);
                current.close = minute.close;
                current.volume = current.volume.add(minute.volume);
            }
        }
        if (current != null) {
            result.add(toCandle(currentStart, current));
        }
        return result;
    }

    private static Candle toCandle(long startMillis, MinuteBar bar) {
        return new Candle(Math.floorDiv(startMillis, 1000L), bar.open, bar.high, bar.low, bar.close, bar.volume);
    }
}
