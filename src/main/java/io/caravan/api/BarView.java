package io.caravan.api;

import java.math.BigDecimal;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;

/**
 * A bar as the API and the page see it.
 *
 * @param time    open time, epoch milliseconds UTC (the bar's label)
 * @param vwap    null when the volume is zero or the VWAP is unknown
 * @param trades  null when unknown (a bar taken from a provider's kline that does not count trades)
 * @param closed  false for the bar still in progress, whose values change until its bucket closes
 * @param quality {@code live}, {@code backfilled} or {@code flat} (no trades in session: the last price, volume 0)
 */
public record BarView(long time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume, BigDecimal vwap, Long trades, boolean closed, String quality) {

    /** A bar built from trades ({@code live}). */
    public BarView(long time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
            BigDecimal vwap, Long trades, boolean closed) {
        this(time, open, high, low, close, volume, vwap, trades, closed, BarQuality.LIVE.label());
    }

    public static BarView of(Bar bar, boolean closed) {
        return new BarView(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.vwap(),
                bar.trades(), closed, bar.quality().label());
    }
}
