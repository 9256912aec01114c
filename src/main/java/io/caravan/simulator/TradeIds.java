package io.caravan.simulator;

import java.util.HashMap;
import java.util.Map;

/** Hands out per-symbol increasing trade ids, starting at 1. Runs on the simulator's event loop. */
final class TradeIds {

    private final Map<String, Long> last = new HashMap<>();

    long next(String symbol) {
        return last.merge(symbol, 1L, Long::sum);
    }
}
