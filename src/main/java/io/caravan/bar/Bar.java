package io.caravan.bar;

import java.math.BigDecimal;

/**
 * A closed OHLCV bar, labelled by its open time.
 *
 * @param notional Σ price·size, kept exact so that bars can be rolled up without losing VWAP precision
 * @param vwap     notional / volume, null when volume is zero
 */
public record Bar(String symbol, Interval interval, long openTime, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal close, BigDecimal volume, BigDecimal notional, BigDecimal vwap, long trades) {
}
