package io.caravan.support;

import java.math.BigDecimal;

/** A bar as the tests compute or read it; compared numerically. {@link #UNKNOWN} trades: the count is unknown. */
public record ExpectedBar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
        BigDecimal vwap, long trades) {

    /** An empty CSV cell or a NULL column: a bar taken from a kline that does not count trades. */
    public static final long UNKNOWN = -1;

    /** This bar as a provider's kline without notional and trade count gives it: VWAP and trade count unknown. */
    public ExpectedBar withoutVwapAndCount() {
        return new ExpectedBar(open, high, low, close, volume, null, UNKNOWN);
    }

    public boolean sameAs(ExpectedBar o) {
        return open.compareTo(o.open) == 0 && high.compareTo(o.high) == 0 && low.compareTo(o.low) == 0
                && close.compareTo(o.close) == 0 && volume.compareTo(o.volume) == 0 && trades == o.trades
                && (vwap == null ? o.vwap == null : o.vwap != null && vwap.compareTo(o.vwap) == 0);
    }
}
