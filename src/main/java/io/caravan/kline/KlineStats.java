package io.caravan.kline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** What the kline polls did, by outcome: rounds, requests, klines, no_data answers, retries, failures by status. */
@ApplicationScoped
@Named("klineStats")
public class KlineStats {

    public static final String ROUNDS = "rounds";
    public static final String REQUESTS = "requests";
    public static final String KLINES = "klines";
    public static final String NO_DATA = "no_data";
    public static final String RETRIES = "retries";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String FORBIDDEN = "forbidden";
    public static final String SKIPPED = "skipped";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void round() {
        add(ROUNDS, 1);
    }

    void add(String what, long n) {
        counts.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }

    public long get(String what) {
        LongAdder n = counts.get(what);
        return n == null ? 0 : n.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }
}
