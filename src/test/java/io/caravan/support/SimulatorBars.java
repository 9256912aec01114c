package io.caravan.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The bars a live-simulator test compares over a span {@code [from, to)} whose ends are multiples of every interval:
 * those of the trades the simulator made ({@link SimulatorTrades}), and caravan's, that opened in the span.
 */
public final class SimulatorBars {

    private SimulatorBars() {
    }

    /** The bars of every trade the simulator made for the symbols with {@code from <= ts < to}. */
    public static Map<String, ExpectedBar> made(int simulatorPort, List<String> symbols, List<String> intervals,
            long from, long to) {
        List<TestTrade> trades = new ArrayList<>();
        for (String symbol : symbols) {
            SimulatorTrades.made(simulatorPort, symbol, symbol, to).stream().filter(t -> t.ts() >= from)
                    .forEach(trades::add);
        }
        return ExpectedBars.compute(trades, intervals);
    }

    /** The bars that opened in {@code [from, to)}. */
    public static Map<String, ExpectedBar> opened(Map<String, ExpectedBar> bars, long from, long to) {
        return bars.entrySet().stream().filter(e -> {
            long open = openTime(e.getKey());
            return open >= from && open < to;
        }).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Open time of the earliest bar, epoch ms. */
    public static long firstOpen(Map<String, ExpectedBar> bars) {
        return bars.keySet().stream().mapToLong(SimulatorBars::openTime).min().orElseThrow();
    }

    private static long openTime(String key) {
        return Instant.parse(key.substring(key.lastIndexOf('|') + 1)).toEpochMilli();
    }
}
