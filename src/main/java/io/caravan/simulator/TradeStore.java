package io.caravan.simulator;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trades the simulated market made, per symbol in the order made, for the trades endpoints ({@link TickEndpoint},
 * {@link AggTradesEndpoint}) that gap-fill reads after a disconnect. Bounded by {@link TradeHistoryLimits}: a time
 * window counted back from each symbol's newest trade (event time: replayed files may be years old) and a count of
 * trades over all symbols. Trades are held in columns of primitives, chunk by chunk (about 40 bytes a trade instead
 * of about 200 as objects), and the oldest chunk goes first. Runs on the simulator's event loop; only the counters
 * are read from other threads.
 */
final class TradeStore {

    private static final int MAX_CHUNK = 4096;

    private final long windowMillis;
    private final long maxTrades;
    private final Map<String, SymbolTrades> bySymbol = new HashMap<>();
    private volatile long retained;

    TradeStore(TradeHistoryLimits limits) {
        this.windowMillis = limits.window().toMillis();
        this.maxTrades = limits.maxTrades();
    }

    void record(NumberedTrade trade) {
        SimTrade made = trade.trade();
        SymbolTrades trades = bySymbol.computeIfAbsent(made.symbol(), s -> new SymbolTrades());
        trades.add(made.timestamp(), trade.id(), made.price(), made.size());
        long kept = retained + 1;
        kept -= trades.dropOlderThan(trades.newest - windowMillis);
        while (kept > maxTrades) {
            kept -= oldestChunkOwner().dropFirstChunk();
        }
        retained = kept;
    }

    /** Trades held now, all symbols together. Safe from any thread. */
    long retained() {
        return retained;
    }

    Set<String> symbols() {
        return bySymbol.keySet();
    }

    /** How many of the symbol's trades have {@code from <= timestamp < to}. */
    int count(String symbol, long from, long to) {
        SymbolTrades trades = bySymbol.get(symbol);
        if (trades == null) {
            return 0;
        }
        long lower = Math.max(from, trades.oldestServed());
        int count = 0;
        for (Chunk chunk : trades.chunks) {
            for (int i = 0; i < chunk.size; i++) {
                long ts = chunk.timestamps[i];
                if (ts >= lower && ts < to) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The symbol's trades with {@code from <= timestamp < to} and an id of at least {@code minId}, in the order made,
     * the first {@code skip} of them left out, at most {@code limit}.
     */
    List<NumberedTrade> trades(String symbol, long from, long to, long minId, long skip, int limit) {
        List<NumberedTrade> found = new ArrayList<>();
        SymbolTrades trades = bySymbol.get(symbol);
        if (trades == null) {
            return found;
        }
        long lower = Math.max(from, trades.oldestServed());
        long toSkip = skip;
        for (Chunk chunk : trades.chunks) {
            for (int i = 0; i < chunk.size && found.size() < limit; i++) {
                long ts = chunk.timestamps[i];
                if (ts >= lower && ts < to && chunk.ids[i] >= minId) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        found.add(chunk.trade(symbol, i));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Small enough that every symbol keeps many chunks within the count, so that dropping the oldest chunk never
     * takes a symbol's newest trades or much more than the count asks.
     */
    private int chunkSize() {
        return (int) Math.max(16, Math.min(MAX_CHUNK, maxTrades / (16L * Math.max(1, bySymbol.size()))));
    }

    /** The symbol whose oldest chunk ended earliest: its trades are the oldest the store holds. */
    private SymbolTrades oldestChunkOwner() {
        SymbolTrades oldest = null;
        for (SymbolTrades trades : bySymbol.values()) {
            if (!trades.chunks.isEmpty()
                    && (oldest == null || trades.chunks.peekFirst().latest < oldest.chunks.peekFirst().latest)) {
                oldest = trades;
            }
        }
        return oldest;
    }

    private final class SymbolTrades {
        final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        long newest = Long.MIN_VALUE;

        void add(long timestamp, long id, String price, String size) {
            Chunk last = chunks.peekLast();
            if (last == null || last.size == last.timestamps.length) {
                last = new Chunk(chunkSize());
                chunks.addLast(last);
            }
            last.add(timestamp, id, price, size);
            newest = Math.max(newest, timestamp);
        }

        /** Trades inside a chunk that is kept for its newer ones are still not served once out of the window. */
        long oldestServed() {
            return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - windowMillis;
        }

        /** Drops the chunks whose every trade is older than {@code oldestKept}; @return trades dropped */
        int dropOlderThan(long oldestKept) {
            int dropped = 0;
            Iterator<Chunk> it = chunks.iterator();
            while (it.hasNext()) {
                Chunk chunk = it.next();
                if (chunk.latest >= oldestKept || chunk == chunks.peekLast()) {
                    break;
                }
                dropped += chunk.size;
                it.remove();
            }
            return dropped;
        }

        int dropFirstChunk() {
            return chunks.pollFirst().size;
        }
    }

    /**
     * Trades in columns. A price or size is kept as an unscaled long and a scale when that gives its text back digit
     * for digit ({@code 61837.63000000} keeps its zeros), else as its text.
     */
    private static final class Chunk {
        final long[] timestamps;
        final long[] ids;
        final long[] prices;
        final long[] sizes;
        final byte[] priceScales;
        final byte[] sizeScales;
        String[] priceTexts;
        String[] sizeTexts;
        long latest = Long.MIN_VALUE;
        int size;

        Chunk(int capacity) {
            timestamps = new long[capacity];
            ids = new long[capacity];
            prices = new long[capacity];
            sizes = new long[capacity];
            priceScales = new byte[capacity];
            sizeScales = new byte[capacity];
        }

        void add(long timestamp, long id, String price, String size) {
            int i = this.size++;
            timestamps[i] = timestamp;
            ids[i] = id;
            latest = Math.max(latest, timestamp);
            BigDecimal p = compact(price);
            if (p == null) {
                priceTexts = priceTexts == null ? new String[timestamps.length] : priceTexts;
                priceTexts[i] = price;
            } else {
                prices[i] = p.unscaledValue().longValue();
                priceScales[i] = (byte) p.scale();
            }
            BigDecimal s = compact(size);
            if (s == null) {
                sizeTexts = sizeTexts == null ? new String[timestamps.length] : sizeTexts;
                sizeTexts[i] = size;
            } else {
                sizes[i] = s.unscaledValue().longValue();
                sizeScales[i] = (byte) s.scale();
            }
        }

        NumberedTrade trade(String symbol, int i) {
            String price = priceTexts != null && priceTexts[i] != null ? priceTexts[i]
                    : BigDecimal.valueOf(prices[i], priceScales[i]).toPlainString();
            String size = sizeTexts != null && sizeTexts[i] != null ? sizeTexts[i]
                    : BigDecimal.valueOf(sizes[i], sizeScales[i]).toPlainString();
            return new NumberedTrade(new SimTrade(symbol, timestamps[i], price, size), ids[i]);
        }

        /** The decimal when its unscaled value and scale give the same text back, else null. */
        private static BigDecimal compact(String text) {
            if (text.length() > 20) {
                return null;
            }
            try {
                BigDecimal value = new BigDecimal(text);
                if (value.scale() < 0 || value.scale() > Byte.MAX_VALUE || value.unscaledValue().bitLength() > 63
                        || !value.toPlainString().equals(text)) {
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
