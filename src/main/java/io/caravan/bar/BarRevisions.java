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

    /**
     * @param added   trades that went into open bars (or bars begun by them); for {@link #replace}: bars written for
     *                the first time
     * @param revised bars rewritten
     */
    public record Applied(int added, int revised, List<TickRejectedException> refused) {
    }

    private final OpenBars openBars;
    private final ClosedBars closedBars;
    private final BarClock clock;
    private final BarIntervals intervals;
    private final BarRollupStrategy rollup;
    private final ProducerTemplate producer;
    private final BarCloser closer;

    public BarRevisions(OpenBars openBars, ClosedBars closedBars, BarClock clock, BarIntervals intervals,
            BarRollupStrategy rollup, ProducerTemplate producer, BarCloser closer) {
        this.closer = closer;
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
        // on the closing thread: it closes bars too (BarCloser)
        return closer.run(() -> openBars.whileNoneClose(() -> applyClosing(byBar)));
    }

    private Applied applyClosing(Map<String, List<Tick>> byBar) {
        Interval base = intervals.base();
        int added = 0;
        List<Bar> revisions = new ArrayList<>();
        List<TickRejectedException> refused = new ArrayList<>();
        // trades for open bars (or bars they begin), per base bucket: one exchange into the aggregator per bucket
        Map<Long, List<Tick>> toOpenBars = new LinkedHashMap<>();
        long now = clock.now();
        for (Map.Entry<String, List<Tick>> bar : byBar.entrySet()) {
            ClosedBars.Closed closed = closedBars.get(bar.getKey());
            List<Tick> trades = bar.getValue();
            if (closed != null) {
                BarBuilder builder = ((BarBuilder) closed.state()).copy().markBackfilled();
                trades.forEach(builder::add);
                Bar revision = builder.build(closed.revision() + 1);
                closedBars.remember(revision, builder);
                revisions.add(revision);
                continue;
            }
            long bucket = base.bucketStart(trades.get(0).ts());
            long closesAt = intervals.closesAt(base, bucket);
            if (!closedBars.revisable(closesAt, now)) {
                for (Tick t : trades) {
                    refused.add(new TickRejectedException(RejectReason.LATE, "bar closed longer than "
                            + "caravan.bars.revision-window ago", t.toString()));
                }
                continue;
            }
            toOpenBars.computeIfAbsent(bucket, k -> new ArrayList<>()).addAll(trades);
            added += trades.size();
        }
        toOpenBars.forEach((bucket, trades) -> producer.sendBodyAndProperty("direct:tick",
                new TickGroup(BarBook.keyOf(base, bucket), trades), TickAggregationStrategy.BACKFILL, true));
        sendClosed(revisions);
        // a bar begun by fetched trades in a bucket already past its close is due now
        openBars.closeDue(now, intervals.graceMillis());
        return new Applied(added, revisions.size(), refused);
    }

    /**
     * Whole base bars from a provider's klines (gap-fill without a trades source, reconciliation's corrections), each
     * in place of the bar of its minute. A kline counts every trade of its minute, those received live included, so
     * it replaces the bar instead of adding to it: nothing is counted twice. A bar never written (a minute inside a
     * gap, or before start-up) is written as revision 0; a bar written before is rewritten as its next revision, and
     * so is every longer bar it is part of; both are marked {@link BarQuality#BACKFILLED}. Fields the kline does not
     * carry (trade count, notional and so VWAP) become unknown, in the minute and in every longer bar holding it.
     *
     * @param keepEqual keep a written bar whose open, high, low, close and volume equal the kline's: no trade of that
     *                  minute was missed, and the bar knows its trade count and VWAP (gap-fill); false rewrites it
     *                  anyway (a correction of a trade count or VWAP)
     * @return revised = bars rewritten, added = bars written for the first time; refused: klines of minutes not yet
     *         closed, or closed longer than the revision window ago
     */
    public Applied replace(List<Bar> klineBars, boolean keepEqual) {
        Interval base = intervals.base();
        for (Bar bar : klineBars) {
            if (!bar.interval().equals(base)) {
                throw new IllegalArgumentException("a " + bar.interval() + " kline cannot replace a bar of the base "
                        + "interval " + base + " (caravan.intervals)");
            }
        }
        List<Bar> sorted = klineBars.stream().sorted(Comparator.comparingLong(Bar::openTime)).toList();
        return closer.run(() -> openBars.whileNoneClose(() -> replaceClosing(sorted, keepEqual)));
    }

    private Applied replaceClosing(List<Bar> klineBars, boolean keepEqual) {
        Interval base = intervals.base();
        long now = clock.now();
        openBars.closeDue(now, intervals.graceMillis()); // the last minute of a gap may be due but not yet swept
        int added = 0;
        int revised = 0;
        List<Bar> rewritten = new ArrayList<>();
        List<TickRejectedException> refused = new ArrayList<>();
        for (Bar kline : klineBars) {
            long closesAt = intervals.closesAt(base, kline.openTime());
            ClosedBars.Closed closed = closedBars.get(kline.key());
            // a bar closed (by the clock, or at the end of a replay) can be rewritten within the window; a minute
            // without a closed bar only once it is over: before, its kline is not complete
            String late = closed != null ? null
                    : closesAt > now ? "its minute is still open"
                    : !closedBars.revisable(closesAt, now) ? "bar closed longer than caravan.bars.revision-window ago"
                    : null;
            if (late != null) {
                refused.add(new TickRejectedException(RejectReason.LATE, "kline not applied: " + late,
                        kline.toString()));
                continue;
            }
            if (closed != null && keepEqual && sameTrading(closed.state().build(), kline)) {
                continue;
            }
            BarBuilder state = BarBuilder.forBar(kline, base).markBackfilled();
            Bar bar = state.build(closed == null ? 0 : closed.revision() + 1);
            closedBars.remember(bar, state);
            rewritten.add(bar);
            if (closed == null) {
                added++;
            } else {
                revised++;
            }
        }
        sendClosed(rewritten);
        openBars.closeDue(now, intervals.graceMillis()); // longer bars begun by them in buckets already past
        return new Applied(added, revised, refused);
    }

    /**
     * Rewritten (or first written) base bars, in their order, as one batch on the path of closed bars: to the
     * watchers and sinks, and into the longer bars they belong to.
     */
    private void sendClosed(List<Bar> bars) {
        if (!bars.isEmpty()) {
            producer.sendBody("direct:bar-closed", bars);
        }
    }

    private static boolean sameTrading(Bar ours, Bar kline) {
        return ours.open().compareTo(kline.open()) == 0 && ours.high().compareTo(kline.high()) == 0
                && ours.low().compareTo(kline.low()) == 0 && ours.close().compareTo(kline.close()) == 0
                && ours.volume().compareTo(kline.volume()) == 0;
    }

    /** For the closed base bars of a batch: rewrites the longer bars they belong to that are already closed. */
    public void reviseClosedRollups(List<Bar> parts) {
        List<Bar> revised = new ArrayList<>();
        for (Bar part : parts) {
            for (String key : rollup.targetKeys(part)) {
                ClosedBars.Closed closed = closedBars.get(key);
                if (closed != null) {
                    RollupBar rolled = ((RollupBar) closed.state()).copy().put(part);
                    Bar revision = rolled.build(closed.revision() + 1);
                    closedBars.remember(revision, rolled);
                    revised.add(revision);
                }
            }
        }
        if (!revised.isEmpty()) {
            producer.sendBody(REVISED, revised);
        }
    }
}
