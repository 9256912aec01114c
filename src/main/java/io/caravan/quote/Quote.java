package io.caravan.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The latest trade of a symbol with its day's context.
 *
 * @param size          the last trade's size, or null when not known (a snapshot reports none)
 * @param time          event time of the last trade, epoch milliseconds UTC
 * @param dayVolume     Σ size of the trades of {@code time}'s UTC day
 * @param previousClose last price of the latest earlier day seen, or null when not known yet
 * @param version       grows by one with every change, so a writer can tell a newer state from an older one
 */
public record Quote(String symbol, String feed, BigDecimal price, BigDecimal size, long time, BigDecimal dayVolume,
        BigDecimal previousClose, long version) {

    /** Percent changes are given to four decimals (hundredths of a basis point). */
    public static final int PERCENT_SCALE = 4;

    /** price − previous close, or null when the previous close is not known. */
    public BigDecimal change() {
        return previousClose == null ? null : price.subtract(previousClose);
    }

    /** change / previous close × 100, or null when the previous close is not known or zero. */
    public BigDecimal changePercent() {
        if (previousClose == null || previousClose.signum() == 0) {
            return null;
        }
        return change().multiply(BigDecimal.valueOf(100)).divide(previousClose, PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }
}
