package io.caravan.market;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.tick.Tick;

/**
 * Counts, per symbol, the trades whose event time is outside their market's regular session (pre-market, after
 * hours, lunch break, weekend). They are kept and go into bars like any other trade; this only flags them.
 */
@ApplicationScoped
@Named("outOfSessionTrades")
public class OutOfSessionTrades {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    /** runs once per trade: the session answer is reused until the market can open or close */
    private final SessionCache sessions = new SessionCache();

    public void record(Tick tick) {
        if (!sessions.isOpen(Instruments.of(tick.provider(), tick.symbol()).market(), tick.ts())) {
            counts.computeIfAbsent(tick.symbol(), s -> new LongAdder()).increment();
        }
    }

    public long of(String symbol) {
        LongAdder n = counts.get(symbol);
        return n == null ? 0 : n.sum();
    }

    /** Out-of-session trades so far, by symbol. */
    public Map<String, Long> all() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((symbol, n) -> snapshot.put(symbol, n.sum()));
        return snapshot;
    }
}
