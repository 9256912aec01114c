package io.caravan.api;

import java.math.BigDecimal;

import io.caravan.bar.Bar;

/**
 * A bar as the API and the page see it.
 *
 * @param time   open time, epoch milliseconds UTC (the bar's label)
 * @param vwap   null when the volume is zero
 * @param closed false for the bar still in progress, whose values change until its bucket closes
 */
public record BarView(long time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume, BigDecimal vwap, long trades, boolean closed) {

    public static BarView of(Bar bar, boolean closed) {
        return new BarView(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.vwap(),
                bar.trades(), closed);
    }
}
