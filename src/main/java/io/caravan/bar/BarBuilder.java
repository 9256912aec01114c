package io.caravan.bar;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.caravan.tick.Tick;

/**
 * The bar arithmetic: accumulates the trades (or finer bars) of one bucket. No clock, no I/O, no Camel.
 * <p>
 * The result does not depend on the order in which trades are added: open and close are the trades with the
 * smallest and largest (event time, tie-breaker) key, so threads that deliver ticks in another order give the
 * same bar.
 * <p>
 * Its methods are synchronized (uncontended, so nearly free) so that a reader outside the aggregator, the live view
 * of bars in progress, takes a consistent snapshot with {@link #build()} while trades are still being added.
 */
public final class BarBuilder implements OpenBar {

    /** VWAP decimal places (half-even); documented in the README. */
    public static final int VWAP_SCALE = 10;

    private final String symbol;
    private final Interval interval;
    private final long openTime;

    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal notional = BigDecimal.ZERO;
    private long trades;
    /** False once a part with an unknown trade count (or notional) is in: the bar's count (or VWAP) is unknown. */
    private boolean tradesKnown = true;
    private boolean notionalKnown = true;
    private long firstTs = Long.MAX_VALUE;
    private long firstTie;
    private long lastTs = Long.MIN_VALUE;
    private long lastTie;
    private boolean backfilled;

    public BarBuilder(String symbol, Interval interval, long openTime) {
        this.symbol = symbol;
        this.interval = interval;
        this.openTime = openTime;
    }

    public static BarBuilder forTick(Tick tick, Interval interval) {
        return new BarBuilder(tick.symbol(), interval, interval.bucketStart(tick.ts())).add(tick);
    }

    public static BarBuilder forBar(Bar bar, Interval interval) {
        return new BarBuilder(bar.symbol(), interval, interval.bucketStart(bar.openTime())).merge(bar);
    }

    public synchronized BarBuilder add(Tick tick) {
        if (interval.bucketStart(tick.ts()) != openTime || !symbol.equals(tick.symbol())) {
            throw new IllegalArgumentException("tick " + tick + " is not in bar " + symbol + " " + interval + " @" + openTime);
        }
        BigDecimal price = tick.price();
        accept(tick.ts(), tick.tieBreaker(), price, price, price, price, tick.size(), price.multiply(tick.size()), 1);
        return this;
    }

    /**
     * Adds a finer bar (e.g. a 1m bar into a 5m bar; or a bar of the same interval: a provider's kline taken as the
     * whole bar); its open time orders it among the others. A part whose trade count or notional is unknown makes
     * the bar's trade count or notional and VWAP unknown.
     */
    public synchronized BarBuilder merge(Bar bar) {
        if (interval.bucketStart(bar.openTime()) != openTime || !symbol.equals(bar.symbol())
                || bar.interval().millis() > interval.millis()) {
            throw new IllegalArgumentException("bar " + bar + " does not roll up into " + symbol + " " + interval + " @" + openTime);
        }
        accept(bar.openTime(), 0, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                bar.notional() == null ? BigDecimal.ZERO : bar.notional(), bar.trades() == null ? 0 : bar.trades());
        tradesKnown &= bar.trades() != null;
        notionalKnown &= bar.notional() != null;
        backfilled |= bar.quality() == BarQuality.BACKFILLED;
        return this;
    }

    /** The bar holds trades fetched over REST (gap-fill, backfill): it is built as {@link BarQuality#BACKFILLED}. */
    public synchronized BarBuilder markBackfilled() {
        backfilled = true;
        return this;
    }

    /** An independent builder in the same state, for a revision that adds trades to an already closed bar. */
    public synchronized BarBuilder copy() {
        BarBuilder copy = new BarBuilder(symbol, interval, openTime);
        copy.open = open;
        copy.high = high;
        copy.low = low;
        copy.close = close;
        copy.volume = volume;
        copy.notional = notional;
        copy.trades = trades;
        copy.tradesKnown = tradesKnown;
        copy.notionalKnown = notionalKnown;
        copy.firstTs = firstTs;
        copy.firstTie = firstTie;
        copy.lastTs = lastTs;
        copy.lastTie = lastTie;
        copy.backfilled = backfilled;
        return copy;
    }

    private void accept(long ts, long tie, BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, BigDecimal size,
            BigDecimal value, long count) {
        if (ts < firstTs || (ts == firstTs && tie < firstTie)) {
            firstTs = ts;
            firstTie = tie;
            open = o;
        }
        if (ts > lastTs || (ts == lastTs && tie >= lastTie)) {
            lastTs = ts;
            lastTie = tie;
            close = c;
        }
        if (high == null || prefer(h.compareTo(high), h, high)) {
            high = h;
        }
        if (low == null || prefer(-l.compareTo(low), l, low)) {
            low = l;
        }
        volume = volume.add(size);
        notional = notional.add(value);
        trades += count;
    }

    /** Equal values in another scale (100.0 vs 100.00) resolve to the larger scale, whatever the arrival order. */
    private static boolean prefer(int comparison, BigDecimal candidate, BigDecimal current) {
        return comparison > 0 || (comparison == 0 && candidate.scale() > current.scale());
    }

    public long openTime() {
        return openTime;
    }

    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    @Override
    public Bar build() {
        return build(0);
    }

    /** @param revision 0 for a bar's first version, then 1, 2, ... for each rewrite */
    public synchronized Bar build(int revision) {
        if (open == null) {
            throw new IllegalStateException("no trades in " + symbol + " " + interval + " @" + openTime);
        }
        return new Bar(symbol, interval, openTime, open, high, low, close, volume, notionalKnown ? notional : null,
                notionalKnown ? vwap(notional, volume) : null, tradesKnown ? trades : null,
                backfilled ? BarQuality.BACKFILLED : BarQuality.LIVE, revision);
    }

    /** Σ(price·size) / Σ size, half-even to {@value #VWAP_SCALE} places, trailing zeros removed; null at zero volume. */
    public static BigDecimal vwap(BigDecimal notional, BigDecimal volume) {
        return volume.signum() == 0 ? null
                : plain(notional.divide(volume, VWAP_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
}
