package io.caravan.bar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.ProducerTemplate;

import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

/**
 * Trades found after the fact (fetched over REST after a disconnect or at start-up) into the bars they belong to:
 * a bar still open takes them through the aggregator like any tick; a bar already written is rebuilt from its kept
 * state plus those trades and written again as its next revision, and so is every longer bar it is part of. Bars
 * touched either way are marked {@link BarQuality#BACKFILLED}.
 * <p>
 * Runs under the {@link OpenBars} lock, which the clock also holds to close bars.
 */
@ApplicationScoped
@Named("barRevisions")
public class BarRevisions {

    /** Where revised bars go: the watchers and the sinks, as closed bars do, but not the rollup aggregator. */
    public static final String REVISED = "direct:bar-revised";

    /** @param added    trades that went into open bars (or bars begun by them) @param revised bars rewritten */
    public record Applied(int added, int revised, List<TickRejectedException> refused) {
    }

    private final OpenBars openBars;
    private final ClosedBars closedBars;
    private final BarClock clock;
    private final BarIntervals intervals;
    private final BarRollupStrategy rollup;
    private final ProducerTemplate producer;

    public BarRevisions(OpenBars openBars, ClosedBars closedBars, BarClock clock, BarIntervals intervals,
            BarRollupStrategy rollup, ProducerTemplate producer) {
        this.openBars = openBars;
        this.closedBars = closedBars;
        this.clock = clock;
        this.intervals = intervals;
        this.rollup = rollup;
        this.producer = producer;
    }

    /** Adds validated trades that the live feed missed; none of them may be one the bars already hold. */
    public Applied apply(List<Tick> ticks) {
        Interval base = intervals.base();
        Map<String, List<Tick>> byBar = new LinkedHashMap<>();
        ticks.stream().sorted(Comparator.comparingLong(Tick::ts).thenComparingLong(Tick::tieBreaker))
                .forEach(t -> byBar.computeIfAbsent(BarKey.of(t.symbol(), base, base.bucketStart(t.ts())),
                        k -> new ArrayList<>()).add(t));
        return openBars.whileNoneClose(() -> applyClosing(byBar));
    }

    private Applied applyClosing(Map<String, List<Tick>> byBar) {
        Interval base = intervals.base();
        int added = 0;
        int revised = 0;
        List<TickRejectedException> refused = new ArrayList<>();
        long now = clock.now();
        for (Map.Entry<String, List<Tick>> bar : byBar.entrySet()) {
            ClosedBars.Closed closed = closedBars.get(bar.getKey());
            List<Tick> trades = bar.getValue();
            if (closed != null) {
                BarBuilder builder = ((BarBuilder) closed.state()).copy().markBackfilled();
                trades.forEach(builder::add);
                Bar revision = builder.build(closed.revision() + 1);
                closedBars.remember(revision, builder);
                producer.sendBody("direct:bar-closed", revision);
                revised++;
                continue;
            }
            long closesAt = intervals.closesAt(base, base.bucketStart(trades.get(0).ts()));
            if (!closedBars.revisable(closesAt, now)) {
                for (Tick t : trades) {
                    refused.add(new TickRejectedException(RejectReason.LATE, "bar closed longer than "
                            + "caravan.bars.revision-window ago", t.toString()));
                }
                continue;
            }
            for (Tick t : trades) {
                producer.sendBodyAndProperty("direct:tick", t, TickAggregationStrategy.BACKFILL, true);
                added++;
            }
        }
        // a bar begun by fetched trades in a bucket already past its close is due now
        openBars.closeDue(now, intervals.graceMillis());
        return new Applied(added, revised, refused);
    }

    /** For each closed base bar: rewrites the longer bars it belongs to that are already closed (a revision). */
    public void reviseClosedRollups(Bar part) {
        for (BarRollupStrategy.Part p : rollup.parts(part)) {
            ClosedBars.Closed closed = closedBars.get(p.targetKey());
            if (closed != null) {
                RollupBar rolled = ((RollupBar) closed.state()).copy().put(part);
                Bar revision = rolled.build(closed.revision() + 1);
                closedBars.remember(revision, rolled);
                producer.sendBody(REVISED, revision);
            }
        }
    }
}
