package io.caravan.support;

import java.math.BigDecimal;

/** A bar as the tests compute or read it; compared numerically. */
public record ExpectedBar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
        BigDecimal vwap, long trades) {

    public boolean sameAs(ExpectedBar o) {
        return open.compareTo(o.open) == 0 && high.compareTo(o.high) == 0 && low.compareTo(o.low) == 0
                && close.compareTo(o.close) == 0 && volume.compareTo(o.volume) == 0 && trades == o.trades
                && (vwap == null ? o.vwap == null : o.vwap != null && vwap.compareTo(o.vwap) == 0);
    }
}
