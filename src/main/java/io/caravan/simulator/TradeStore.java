package io.caravan.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every trade the simulated market made, per symbol in the order made, for the trades endpoint ({@link TickEndpoint})
 * that gap-fill reads after a disconnect. Kept for {@link #RETENTION} back from each symbol's newest trade (event
 * time: replayed files may be years old). Runs on the simulator's event loop.
 */
final class TradeStore {

    static final Duration RETENTION = Duration.ofHours(6);

    private final Map<String, ArrayDeque<NumberedTrade>> bySymbol = new HashMap<>();

    void record(NumberedTrade trade) {
        ArrayDeque<NumberedTrade> trades = bySymbol.computeIfAbsent(trade.trade().symbol(), s -> new ArrayDeque<>());
        trades.addLast(trade);
        long oldestKept = trade.trade().timestamp() - RETENTION.toMillis();
        while (trades.peekFirst().trade().timestamp() < oldestKept) {
            trades.pollFirst();
        }
    }

    java.util.Set<String> symbols() {
        return bySymbol.keySet();
    }

    /** The symbol's trades with {@code from <= timestamp < to}, in the order made. */
    List<NumberedTrade> trades(String symbol, long from, long to) {
        List<NumberedTrade> found = new ArrayList<>();
        for (NumberedTrade t : bySymbol.getOrDefault(symbol, new ArrayDeque<>())) {
            long ts = t.trade().timestamp();
            if (ts >= from && ts < to) {
                found.add(t);
            }
        }
        return found;
    }
}
