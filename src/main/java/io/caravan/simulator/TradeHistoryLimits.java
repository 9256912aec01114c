package io.caravan.simulator;

import java.time.Duration;

/**
 * How much of the trades it made the simulator keeps for its trades endpoints (gap-fill reads them): trades older
 * than {@code window} before a symbol's newest are dropped, and so are the oldest once all symbols together hold
 * more than {@code maxTrades}. Both bound memory: the window alone would not at a high rate (50 symbols at 5,000
 * trades/s are 21.6 billion trades a day), the count alone would keep stale trades of a quiet symbol forever.
 */
public record TradeHistoryLimits(Duration window, long maxTrades) {

    /** About 40 bytes a trade: a day of the default 5 symbols at 5 trades/s (2.16 million) fits in about 100 MB. */
    public static final long DEFAULT_MAX_TRADES = 2_500_000;

    public static final TradeHistoryLimits DEFAULT = new TradeHistoryLimits(Duration.ofDays(1), DEFAULT_MAX_TRADES);

    public TradeHistoryLimits {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("caravan.simulator.trade-history must be positive: " + window);
        }
        if (maxTrades < 1) {
            throw new IllegalArgumentException("caravan.simulator.trade-history-max-trades must be >= 1: " + maxTrades);
        }
    }
}
