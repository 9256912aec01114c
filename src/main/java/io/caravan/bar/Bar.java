package io.caravan.bar;

import java.math.BigDecimal;

/**
 * A closed OHLCV bar, labelled by its open time.
 *
 * @param notional Σ price·size, kept exact so that bars can be rolled up without losing VWAP precision; null =
 *                 unknown (the bar, or a part of it, was taken from a provider's kline that does not report it)
 * @param vwap     notional / volume, null when volume is zero or the notional is unknown
 * @param trades   number of trades; null = unknown, as for the notional (Finnhub and AllTick klines carry no count)
 * @param quality  live, or backfilled when it holds trades fetched over REST
 * @param revision 0 when first written; each rewrite of an already written bar (gap-fill) counts one up, and every
 *                 sink replaces the bar it holds for the same symbol, interval and open time
 */
public record Bar(String symbol, Interval interval, long openTime, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal close, BigDecimal volume, BigDecimal notional, BigDecimal vwap, Long trades, BarQuality quality,
        int revision) {

    /** A first, live bar. */
    public Bar(String symbol, Interval interval, long openTime, BigDecimal open, BigDecimal high, BigDecimal low,
            BigDecimal close, BigDecimal volume, BigDecimal notional, BigDecimal vwap, Long trades) {
        this(symbol, interval, openTime, open, high, low, close, volume, notional, vwap, trades, BarQuality.LIVE, 0);
    }

    /** Its correlation key text, {@link BarKey#of}. */
    public String key() {
        return BarKey.of(symbol, interval, openTime);
    }
}
