package io.caravan.reconcile;

import java.util.List;

import io.caravan.feed.Kline;

/**
 * What {@code caravan.reconcile.correct=true} does with a bar that disagrees with the provider: the seam where a bar
 * revision (rewriting the bar built from ticks in every sink) plugs in. Called once per mismatched bar that has a
 * kline, on the reconciliation's thread. The default, {@link ExchangeBarCorrections}, stores the kline as an exchange
 * bar and logs that a revision is due; a CDI bean implementing this interface replaces it.
 */
public interface BarCorrections {

    /**
     * @param kline      the provider's bar for the minute
     * @param mismatches every field of that minute beyond the tolerance
     */
    void correct(Kline kline, List<Mismatch> mismatches);
}
