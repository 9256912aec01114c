package io.caravan.reconcile;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Counts of the reconciliation: {@link #mismatches()} is caravan_reconcile_mismatches_total (fields beyond the
 * tolerance, over all rounds), for a metrics registry to read.
 */
@ApplicationScoped
@Named("reconcileStats")
public class ReconcileStats {

    private final LongAdder rounds = new LongAdder();
    private final LongAdder barsCompared = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final LongAdder corrections = new LongAdder();

    void round() {
        rounds.increment();
    }

    void compared(long bars) {
        barsCompared.add(bars);
    }

    void mismatch() {
        mismatches.increment();
    }

    void corrected() {
        corrections.increment();
    }

    public long rounds() {
        return rounds.sum();
    }

    public long barsCompared() {
        return barsCompared.sum();
    }

    public long mismatches() {
        return mismatches.sum();
    }

    public long corrections() {
        return corrections.sum();
    }
}
