package io.caravan.feed;

import java.math.BigDecimal;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;

/**
 * A bar as a provider's REST API reports it (an exchange bar, source {@code rest}), exact decimals as sent. What a
 * provider does not report is null, marked unknown and never invented: Finnhub candles carry no notional, VWAP or
 * trade count.
 *
 * @param openTime bar start, epoch milliseconds UTC
 * @param notional Σ price·size when the provider reports it (Binance quote volume, AllTick turnover)
 */
public record Kline(String provider, String symbol, Interval interval, long openTime, BigDecimal open, BigDecimal high,
        BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal notional, BigDecimal vwap, Long trades) {

    /** As a whole bar, fetched over REST (backfilled); what the kline does not carry stays unknown (null). */
    public Bar toBar() {
        return new Bar(symbol, interval, openTime, open, high, low, close, volume, notional, vwap, trades,
                BarQuality.BACKFILLED, 0);
    }
}
