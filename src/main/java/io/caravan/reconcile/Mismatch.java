package io.caravan.reconcile;

import java.math.BigDecimal;

/**
 * One field of one bar on which the bars built from ticks and the provider's klines disagree beyond the tolerance.
 *
 * @param ours     the value of the bar built from ticks (volume 0 when no bar was built for that minute)
 * @param theirs   the provider's value (volume 0 when it reported no kline for that minute)
 * @param relative |ours - theirs| / max(|ours|, |theirs|)
 * @param note     why a value is 0 when a whole bar or kline is missing, else null
 */
public record Mismatch(String symbol, String interval, long openTime, String provider, String field, BigDecimal ours,
        BigDecimal theirs, BigDecimal relative, String note) {
}
