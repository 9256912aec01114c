package io.caravan.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One-minute OHLCV, trade count and notional (Σ price·size, exact) of every trade served, per symbol, so the
 * simulator can answer the providers' kline endpoints: Finnhub's candles, Binance's klines, AllTick's klines. Coarser
 * bars are rolled up per request: they are rare, and one source of truth cannot disagree with itself. Open and close
 * follow serving order, which is file order in a replay.
 */
final class CandleStore {

    /** Counted back from each symbol's newest bar, not the wall clock: replayed files may be years old. */
    static final Duration RETENTION = Duration.ofDays(7);

    private static final long MINUTE = 60_000L;

    /** A bar as every endpoint renders it; {@code startMillis} is the bar's start, epoch ms UTC. */
    record Candle(long startMillis, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
            BigDecimal volume, BigDecimal notional, long trades) {

        long startSeconds() {
            return Math.floorDiv(startMillis, 1000L);
        }
    }

    private static final class MinuteBar {
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume;
        BigDecimal notional;
        long trades;

        MinuteBar(BigDecimal price, BigDecimal size) {
            open = high = low = close = price;
            volume = size;
            notional = price.multiply(size);
            trades = 1;
        }

        MinuteBar(MinuteBar other) {
            open = other.open;
            high = other.high;
            low = other.low;
            close = other.close;
            volume = other.volume;
            notional = other.notional;
            trades = other.trades;
        }

        void add(BigDecimal price, BigDecimal size) {
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(size);
            notional = notional.add(price.multiply(size));
            trades++;
        }

        /** Rolls a later minute into this bar. */
        void add(MinuteBar later) {
            high = high.max(later.high);
            low = low.min(later.low);
            close = later.close;
            volume = volume.add(later.volume);
            notional = notional.add(later.notional);
            trades += later.trades;
        }
    }

    private final Map<String, TreeMap<Long, MinuteBar>> bySymbol = new HashMap<>();

    /**
     * @return the symbol's minute this trade closed (the newest minute so far, when the trade begins a later one),
     *         else null: what a kline stream pushes as closed
     */
    synchronized Candle record(SimTrade trade) {
        BigDecimal price = new BigDecimal(trade.price());
        BigDecimal size = new BigDecimal(trade.size());
        TreeMap<Long, MinuteBar> bars = bySymbol.computeIfAbsent(trade.symbol(), s -> new TreeMap<>());
        long minute = Math.floorDiv(trade.timestamp(), MINUTE) * MINUTE;
        MinuteBar bar = bars.get(minute);
        Candle closed = null;
        if (bar == null) {
            Map.Entry<Long, MinuteBar> newest = bars.lastEntry();
            if (newest != null && newest.getKey() < minute) {
                closed = toCandle(newest.getKey(), newest.getValue());
            }
            bars.put(minute, new MinuteBar(price, size));
            long oldestKept = bars.lastKey() - RETENTION.toMillis();
            while (bars.firstKey() < oldestKept) {
                bars.pollFirstEntry();
            }
        } else {
            bar.add(price, size);
        }
        return closed;
    }

    /** The symbols that have bars. */
    synchronized Set<String> symbols() {
        return new TreeSet<>(bySymbol.keySet());
    }

    /**
     * Bars of {@code barMillis} (a whole number of minutes; bars start on UTC multiples of it) whose start lies in
     * [fromMillis, toMillis], oldest first.
     */
    synchronized List<Candle> candles(String symbol, long barMillis, long fromMillis, long toMillis) {
        TreeMap<Long, MinuteBar> bars = bySymbol.get(symbol);
        List<Candle> result = new ArrayList<>();
        if (bars == null || fromMillis > toMillis) {
            return result;
        }
        // a bar starting at or before `to` holds minutes up to to + barMillis
        NavigableMap<Long, MinuteBar> minutes = bars.subMap(fromMillis, true,
                Math.addExact(toMillis, barMillis), false);
        long currentStart = 0;
        MinuteBar current = null;
        for (Map.Entry<Long, MinuteBar> entry : minutes.entrySet()) {
            long start = Math.floorDiv(entry.getKey(), barMillis) * barMillis;
            if (start < fromMillis || start > toMillis) {
                continue;
            }
            if (current == null || start != currentStart) {
                if (current != null) {
                    result.add(toCandle(currentStart, current));
                }
                currentStart = start;
                current = new MinuteBar(entry.getValue()); // the stored minute must not absorb the roll-up
            } else {
                current.add(entry.getValue());
            }
        }
        if (current != null) {
            result.add(toCandle(currentStart, current));
        }
        return result;
    }

    /** The last {@code count} bars of {@code barMillis} that start at or before {@code toMillis}, oldest first. */
    synchronized List<Candle> latest(String symbol, long barMillis, long toMillis, int count) {
        TreeMap<Long, MinuteBar> bars = bySymbol.get(symbol);
        if (bars == null || count < 1) {
            return new ArrayList<>();
        }
        List<Candle> all = candles(symbol, barMillis, Math.floorDiv(bars.firstKey(), barMillis) * barMillis, toMillis);
        return new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    private static Candle toCandle(long startMillis, MinuteBar bar) {
        return new Candle(startMillis, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.notional, bar.trades);
    }
}
