package io.caravan.bar;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ProducerTemplate;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedStatus;
import io.caravan.market.Instruments;
import io.caravan.market.Market;
import io.caravan.quote.Quote;
import io.caravan.quote.QuoteBook;

/**
 * Flat bars ({@code caravan.bars.flat}): for a symbol with a known price, every bucket of every interval that ended
 * with no trade of it while its market was in its regular session (the bucket overlaps a session) gets a bar at the
 * last price before the bucket: open = high = low = close, volume 0, no VWAP, 0 trades, {@link BarQuality#FLAT}.
 * <p>
 * Each interval is judged on its own bucket: a longer bar is flat only when its whole bucket had no trade. Flat bars
 * go to the watchers and sinks ({@link BarRevisions#REVISED}), never into the rollups nor {@link ClosedBars}, so a
 * longer bar's open stays its first trade's price and a trade found later (gap-fill) builds the real bar from
 * scratch; the sinks replace the flat bar with it (same symbol, interval and open time, quality backfilled).
 * <p>
 * None before a symbol's first closed bar (no price is invented), none while its feed is disconnected or for a
 * bucket that began before the feed connected (nobody was listening). The clock ({@link BarClock}) calls
 * {@link #fill} as it closes bars, before each bar with a later end, so that every series stays in time order; after
 * a jump of the clock every missed bucket is judged.
 */
@ApplicationScoped
public class FlatBars {

    /**
     * Wall clock: a bucket is judged this long after it closed, so that a tick admitted just before its bucket closed
     * has reached its group and been closed by the clock's re-sweep ({@link BarClock#RESWEEP_MS}).
     */
    public static final long SETTLE_MS = 2 * BarClock.RESWEEP_MS;

    private final boolean enabled;
    private final Interval base;
    private final List<Interval> intervals;
    private final OpenBars openBars;
    private final QuoteBook quotes;
    private final FeedStatus feeds;
    private final ProducerTemplate producer;

    /** symbol → open time → close of its base bars with trades, from just before the oldest bucket still to judge */
    private final Map<String, NavigableMap<Long, BigDecimal>> closes = new HashMap<>();
    /** interval → open time of the last bucket judged */
    private final Map<Interval, Long> judged = new HashMap<>();
    private volatile long judgedBase = Long.MIN_VALUE;

    public FlatBars(CaravanConfig config, BarIntervals intervals, OpenBars openBars, QuoteBook quotes,
            FeedStatus feeds, ProducerTemplate producer) {
        this.enabled = config.bars().flat();
        this.base = intervals.base();
        List<Interval> all = new ArrayList<>();
        all.add(intervals.base());
        all.addAll(intervals.rollups());
        this.intervals = List.copyOf(all);
        this.openBars = openBars;
        this.quotes = quotes;
        this.feeds = feeds;
        this.producer = producer;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Every closed bar with trades (live or rebuilt by gap-fill) passes here: base bars give the prices. */
    public synchronized void closed(Bar bar) {
        if (enabled && bar.interval().equals(base) && bar.quality() != BarQuality.FLAT) {
            closes.computeIfAbsent(bar.symbol(), s -> new TreeMap<>()).put(bar.openTime(), bar.close());
        }
    }

    /** The bars of a close (or revised bars), as {@link #closed(Bar)} each. */
    public synchronized void closed(List<Bar> bars) {
        for (Bar bar : bars) {
            closed(bar);
        }
    }

    /**
     * Sends the flat bars of the buckets that ended at or before {@code endedBy} and were not judged yet, holding
     * the lock that closing and revising bars hold, so a flat bar never overtakes the real bar of its bucket.
     */
    public void fill(long endedBy) {
        if (!enabled || endedBy == Long.MIN_VALUE || base.bucketStart(endedBy) - base.millis() <= judgedBase) {
            return;
        }
        openBars.whileNoneClose(() -> {
            List<Bar> due = due(endedBy);
            if (!due.isEmpty()) {
                producer.sendBody(BarRevisions.REVISED, due); // one batch, in time order
            }
            return null;
        });
    }

    /** The flat bars of the buckets ended at or before {@code endedBy} not judged before, in time order. */
    synchronized List<Bar> due(long endedBy) {
        List<Bar> flat = new ArrayList<>();
        if (!enabled || closes.isEmpty()) {
            return flat;
        }
        Map<String, List<Long>> open = openBaseBars();
        for (Interval interval : intervals) {
            long last = interval.bucketStart(endedBy) - interval.millis();
            Long before = judged.get(interval);
            if (before != null && last <= before) {
                continue;
            }
            judged.put(interval, last);
            long from = before == null ? Long.MIN_VALUE : before + interval.millis();
            closes.forEach((symbol, bars) -> judge(symbol, bars, interval, from, last,
                    open.getOrDefault(symbol, List.of()), flat));
        }
        judgedBase = judged.getOrDefault(base, Long.MIN_VALUE);
        forgetOldCloses();
        flat.sort(Comparator.comparingLong(Bar::openTime).thenComparingLong(b -> b.interval().millis())
                .thenComparing(Bar::symbol));
        return flat;
    }

    private void judge(String symbol, NavigableMap<Long, BigDecimal> bars, Interval interval, long from, long last,
            List<Long> open, List<Bar> flat) {
        Optional<Quote> quote = quotes.quote(symbol);
        if (quote.isEmpty()) {
            return;
        }
        String provider = quote.get().feed();
        // not before the symbol's first trade: its bucket has a real bar
        long first = Math.max(from, interval.bucketStart(bars.firstKey()) + interval.millis());
        Market market = Instruments.of(provider, symbol).market();
        for (long bucket : inSession(market, interval, first, last)) {
            long end = bucket + interval.millis();
            if (!bars.subMap(bucket, end).isEmpty() || open.stream().anyMatch(t -> t >= bucket && t < end)
                    || !listening(provider, bucket)) {
                continue;
            }
            Map.Entry<Long, BigDecimal> previous = bars.lowerEntry(bucket);
            if (previous != null) {
                BigDecimal price = previous.getValue();
                flat.add(new Bar(symbol, interval, bucket, price, price, price, price, BigDecimal.ZERO,
                        BigDecimal.ZERO, null, 0L, BarQuality.FLAT, 0));
            }
        }
    }

    /** The buckets in {@code [first, last]} that overlap a regular session of the market (none in a lunch break). */
    static List<Long> inSession(Market market, Interval interval, long first, long last) {
        List<Long> buckets = new ArrayList<>();
        if (first > last) {
            return buckets;
        }
        long next = first;
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(first), market.zone());
        LocalDate lastDay = LocalDate.ofInstant(Instant.ofEpochMilli(last + interval.millis() - 1), market.zone());
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            for (Market.Session session : market.sessions(day)) {
                long to = Math.min(last, interval.bucketStart(session.close().toEpochMilli() - 1));
                for (long b = Math.max(next, interval.bucketStart(session.open().toEpochMilli())); b <= to;
                        b += interval.millis()) {
                    buckets.add(b);
                    next = b + interval.millis();
                }
            }
        }
        return buckets;
    }

    private boolean listening(String provider, long bucket) {
        FeedStatus.State state = feeds.of(provider);
        return switch (state.state()) {
            case FeedStatus.DISCONNECTED -> false;
            case FeedStatus.CONNECTED -> state.since() <= bucket;
            default -> true; // a replay: no connection to lose
        };
    }

    /** Open times of the base bars still open (a tick admitted just before its bucket closed), by symbol. */
    private Map<String, List<Long>> openBaseBars() {
        Map<String, List<Long>> open = new HashMap<>();
        for (BarBook book : openBars.baseBooks()) {
            for (String symbol : book.symbols()) {
                open.computeIfAbsent(symbol, s -> new ArrayList<>()).add(book.openTime());
            }
        }
        return open;
    }

    /** Keeps the closes the next buckets to judge need: those in them and the last one before them. */
    private void forgetOldCloses() {
        long keepFrom = Long.MAX_VALUE;
        for (Interval interval : intervals) {
            Long last = judged.get(interval);
            keepFrom = Math.min(keepFrom, last == null ? Long.MIN_VALUE : last + interval.millis());
        }
        for (NavigableMap<Long, BigDecimal> bars : closes.values()) {
            Long floor = bars.lowerKey(keepFrom);
            if (floor != null) {
                bars.headMap(floor, false).clear();
            }
        }
    }
}
