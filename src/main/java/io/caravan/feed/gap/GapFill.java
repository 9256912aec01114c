package io.caravan.feed.gap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;
import io.caravan.bar.BarClock;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.BarRevisions;
import io.caravan.bar.Interval;
import io.caravan.http.HttpStatusException;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/**
 * Fills a {@link Gap}, from the provider's trades where it has a trades endpoint ({@link TradeSource}), else from its
 * klines of the base interval ({@link GapKlines}), as {@link GapSources} says.
 * <ul>
 * <li>Trades: every trade of the gap (every symbol, every page) is fetched first and only then handed to
 * {@link BarRevisions#apply}, so a fetch that fails and is retried can never add a trade twice. Trades of bars still
 * open join them; bars already written are rewritten as their next revision; both are marked backfilled.</li>
 * <li>Klines: each minute the gap touches is replaced whole by the provider's kline of that minute
 * ({@link BarRevisions#replace}), once the last of them has closed: a kline counts the trades received live in its
 * minute too, so nothing is counted twice. What the kline does not carry (Finnhub: trade count and VWAP) is unknown in
 * those bars.</li>
 * </ul>
 */
@ApplicationScoped
@Named("gapFill")
public class GapFill {

    public static final String QUEUE = "seda:gap-fill";
    /** Gaps filled from klines: they wait for the last minute of the gap to close, apart from the trade gaps. */
    public static final String KLINE_QUEUE = "seda:gap-fill-klines";

    /** Longest wait, on the wall clock, for the last minute of a gap to close before its klines are asked for. */
    static final Duration KLINE_WAIT_LIMIT = Duration.ofMinutes(10);
    private static final long KLINE_WAIT_STEP_MS = 100;

    private static final Logger LOG = Logger.getLogger(GapFill.class);

    private final CaravanConfig config;
    private final GapSources sources;
    private final TickValidator validator;
    private final BarRevisions revisions;
    private final ProducerTemplate producer;
    private final GapKlines klines;
    private final BarIntervals intervals;
    private final BarClock clock;
    private final FeedGaps gaps;

    public GapFill(CaravanConfig config, GapSources sources, TickValidator validator,
            BarRevisions revisions, ProducerTemplate producer, GapKlines klines, BarIntervals intervals,
            BarClock clock, FeedGaps gaps) {
        this.config = config;
        this.sources = sources;
        this.validator = validator;
        this.revisions = revisions;
        this.producer = producer;
        this.klines = klines;
        this.intervals = intervals;
        this.clock = clock;
        this.gaps = gaps;
    }

    /** Whether quiet feeds are watched ({@link #fillQuietGaps}): gap-fill on and bars closing by the wall clock. */
    public boolean watchesQuietFeeds() {
        return config.gapFill().enabled() && clock.mode() == BarClock.Mode.WALL;
    }

    /** The gaps of feeds connected for {@code caravan.gap-fill.quiet-after} without a trade, each up to its connect. */
    public void fillQuietGaps() {
        gaps.quiet(config.gapFill().quietAfter().toMillis(), config.bars().revisionWindow().toMillis())
                .forEach(this::request);
    }

    /** Called with each gap a feed reports; queues it for the gap-fill route unless switched off. */
    public void request(Gap gap) {
        if (!config.gapFill().enabled() || (gap.startup() && !config.gapFill().backfill())) {
            return;
        }
        switch (sources.of(gap.provider())) {
            case TRADES -> producer.sendBody(QUEUE, gap);
            case KLINES -> producer.sendBody(KLINE_QUEUE, gap);
            case NONE -> LOG.warnf("%s not filled: gaps of %s are filled from %s (see caravan.gap-fill.*)", gap,
                    gap.provider(), sources.describe(gap.provider()));
        }
    }

    /** The minutes (base-interval buckets) a gap touches: those that may hold a trade with after < ts < before. */
    long firstMinute(Gap gap) {
        return intervals.base().bucketStart(gap.after() + 1);
    }

    long lastMinute(Gap gap) {
        return intervals.base().bucketStart(gap.before() - 1);
    }

    /**
     * Waits until the bar clock has closed the last minute of the gap (its kline is then complete), or
     * {@link #KLINE_WAIT_LIMIT} has passed on the wall clock (a minute still open is then refused).
     */
    public void awaitKlines(Gap gap) throws InterruptedException {
        long due = intervals.closesAt(intervals.base(), lastMinute(gap));
        long giveUp = System.currentTimeMillis() + KLINE_WAIT_LIMIT.toMillis();
        while (clock.now() < due && System.currentTimeMillis() < giveUp) {
            Thread.sleep(KLINE_WAIT_STEP_MS);
        }
    }

    /** @return the klines refused (minute still open, or beyond the revision window), for the dead letter */
    public List<TickRejectedException> fillFromKlines(Gap gap) {
        Interval base = intervals.base();
        List<Bar> bars = klines.fetch(gap.provider(), base, firstMinute(gap), lastMinute(gap));
        BarRevisions.Applied applied = revisions.replace(bars, true);
        LOG.infof("Filled %s from %s %s klines: %d fetched, %d bars written, %d rewritten, %d refused", gap,
                gap.provider(), base, bars.size(), applied.added(), applied.revised(), applied.refused().size());
        return applied.refused();
    }

    /** 400, 403, 404: the provider will not give this symbol's trades, however often it is asked. */
    static boolean refusesTheSymbol(HttpStatusException e) {
        return e.status() == 400 || e.status() == 403 || e.status() == 404;
    }

    /**
     * Every symbol's trades of the gap, each symbol's up to its own first live trade on the gap's connection (the
     * exchange applies a connection's subscriptions one by one, so a symbol's live trades may begin later than the
     * trade that ended the gap); a symbol without one yet is filled when it comes ({@link FeedGaps}).
     *
     * @return the trades refused (validation, or bars beyond the revision window), for the dead letter
     */
    public List<TickRejectedException> fill(Gap gap) {
        TradeSource source = sources.trades(gap.provider());
        List<RawTrade> fetched = new ArrayList<>();
        List<TickRejectedException> refused = new ArrayList<>();
        int waiting = 0;
        for (String symbol : gap.symbol() != null ? List.of(gap.symbol()) : source.symbols()) {
            OptionalLong end = gap.connection() == null ? OptionalLong.of(gap.before())
                    : gap.connection().endOf(gap, symbol, source.tickSymbol(symbol));
            if (end.isEmpty()) {
                waiting++;
            } else if (end.getAsLong() - gap.after() > 1) {
                try {
                    fetched.addAll(source.fetch(symbol, gap.after(), end.getAsLong()));
                } catch (HttpStatusException e) {
                    if (!refusesTheSymbol(e)) {
                        throw e; // 429, 5xx: the whole gap is tried again
                    }
                    // a symbol the provider refuses for good (a delisted one: Binance answers 400) loses its own part
                    // of the gap, not every other symbol's with it
                    LOG.warnf("%s: %s not filled: %s", gap, symbol, e.getMessage());
                    refused.add(new TickRejectedException(RejectReason.PROVIDER_ERROR, symbol + " not filled: "
                            + e.getMessage(), gap + " " + symbol));
                }
            }
        }
        // only once every page is in: a fetch that fails is retried whole, so no trade is added twice
        List<Tick> ticks = new ArrayList<>(fetched.size());
        int known = 0;
        for (RawTrade raw : fetched) {
            if (validator.isKnown(raw)) {
                known++; // received live after all (a source whose window includes its start)
                continue;
            }
            try {
                ticks.add(validator.validate(raw));
            } catch (TickRejectedException e) {
                refused.add(e);
            }
        }
        BarRevisions.Applied applied = revisions.apply(ticks);
        refused.addAll(applied.refused());
        LOG.infof("Filled %s: %d trades fetched, %d already received, %d into open bars, %d bars rewritten, "
                + "%d refused%s", gap, fetched.size(), known, applied.added(), applied.revised(), refused.size(),
                waiting == 0 ? "" : "; " + waiting + " symbols filled at their first live trade");
        return refused;
    }
}
