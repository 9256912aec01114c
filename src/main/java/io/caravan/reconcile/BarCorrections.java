package io.caravan.reconcile;

import java.util.List;

import io.caravan.feed.Kline;

/**
 * What {@code caravan.reconcile.correct=true} does with a bar that disagrees with the provider. Called once per
 * mismatched bar that has a kline, on the reconciliation's thread. The default, {@link RevisionCorrections}, stores
 * the kline as an exchange bar and rewrites the bar from it as a revision; a CDI bean implementing this interface
 * replaces it.
 */
public interface BarCorrections {

    /**
     * @param kline      the provider's bar for the minute
     * @param mismatches every field of that minute beyond the tolerance
     */
    void correct(Kline kline, List<Mismatch> mismatches);
}
