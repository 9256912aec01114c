package io.caravan.tick;

import java.math.BigDecimal;

/**
 * One validated trade.
 *
 * @param provider where it came from (finnhub, binance, replay, ...)
 * @param symbol   instrument as the provider names it
 * @param ts       exchange event time, epoch milliseconds UTC
 * @param price    exact decimal as received
 * @param size     exact decimal as received (zero is allowed: price-only updates)
 * @param tradeId  the provider's comparable trade id, or null when it gives none
 * @param seq      arrival sequence assigned at ingestion, per feed in frame order; only breaks ties
 */
public record Tick(String provider, String symbol, long ts, BigDecimal price, BigDecimal size, Long tradeId, long seq) {

    /** Second ordering key after {@link #ts()}: the trade id where the provider gives one, else arrival order. */
    public long tieBreaker() {
        return tradeId != null ? tradeId : seq;
    }
}
