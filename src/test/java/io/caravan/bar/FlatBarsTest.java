package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedStatus;
import io.caravan.feed.gap.FeedGaps;
import io.caravan.metrics.ConnectionMetrics;
import io.caravan.quote.QuoteBook;
import io.caravan.sink.BarFields;
import io.caravan.tick.Tick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Which buckets get a flat bar, at which price: sessions, lunch breaks, no price, jumps, nothing rolled up. */
class FlatBarsTest {

    static final Interval M1 = Interval.parse("1m");
    static final Interval M5 = Interval.parse("5m");
    static final long MINUTE = 60_000;
    /** Monday 2026-11-23, New York on EST (UTC-5), Hong Kong UTC+8. */
    static final long MONDAY = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    static final long SATURDAY = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();

    BarIntervals intervals;
    ClosedBars closedBars;
    OpenBars openBars;
    QuoteBook quotes;
    FeedStatus feeds;
    FlatBars flat;

    static CaravanConfig config(boolean flat) {
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(CaravanConfig.class)
                .withSources(new PropertiesConfigSource(flat ? Map.of("caravan.intervals", "1m,5m",
                        "caravan.bars.flat", "true") : Map.of("caravan.intervals", "1m,5m"), "test", 500))
                .build().getConfigMapping(CaravanConfig.class);
    }

    @BeforeEach
    void setUp() {
        build(true);
    }

    void build(boolean enabled) {
        CaravanConfig config = config(enabled);
        intervals = new BarIntervals(config);
        closedBars = new ClosedBars(config, intervals);
        openBars = new OpenBars(closedBars);
        quotes = new QuoteBook();
        feeds = new FeedStatus(new FeedGaps(intervals), new ConnectionMetrics(new SimpleMeterRegistry()));
        flat = new FlatBars(config, intervals, openBars, quotes, feeds, null);
    }

    /** A trade of the symbol at {@code ts}, closed into its 1m bar: the quote knows it, FlatBars sees the bar. */
    void traded(String provider, String symbol, long ts, String price) {
        Tick tick = new Tick(provider, symbol, ts, new BigDecimal(price), BigDecimal.ONE, null, ts);
        quotes.update(tick);
        flat.closed(BarBuilder.forTick(tick, M1).build());
    }

    static List<Long> minutes(List<Bar> bars, Interval interval, long from) {
        return bars.stream().filter(b -> b.interval().equals(interval)).map(b -> (b.openTime() - from) / MINUTE)
                .toList();
    }

    @Test
    void everyQuietBucketOfACryptoPairGetsTheLastPriceBeforeIt() {
        long t0 = MONDAY + 30 * MINUTE;
        traded("binance", "BTCUSDT", t0 + 10_000, "100");
        traded("binance", "BTCUSDT", t0 + 3 * MINUTE + 5_000, "103");

        // the clock jumped: ten minutes ended at once
        List<Bar> bars = flat.due(t0 + 10 * MINUTE);

        assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L), minutes(bars, M1, t0));
        assertEquals(List.of(5L), minutes(bars, M5, t0), "the first 5m bucket had trades");
        for (Bar bar : bars) {
            BigDecimal expected = new BigDecimal(bar.openTime() < t0 + 3 * MINUTE ? "100" : "103");
            assertEquals(expected, bar.open(), "the last price before " + bar);
            assertEquals(expected, bar.high());
            assertEquals(expected, bar.low());
            assertEquals(expected, bar.close());
            assertEquals(0, bar.volume().signum());
            assertNull(bar.vwap());
            assertEquals(0L, bar.trades());
            assertEquals(BarQuality.FLAT, bar.quality());
            assertEquals("flat", bar.quality().label());
            assertEquals(0, bar.revision());
        }
        assertEquals(List.of(), flat.due(t0 + 10 * MINUTE), "a bucket is judged once");
        assertEquals(List.of(10L), minutes(flat.due(t0 + 11 * MINUTE), M1, t0));
    }

    @Test
    void flatBarsFeedNoRollupAndNoRevisionState() {
        long t0 = MONDAY + 30 * MINUTE;
        traded("binance", "BTCUSDT", t0 + 10_000, "100");
        List<Bar> bars = flat.due(t0 + 10 * MINUTE);
        assertEquals(10, bars.size());
        bars.forEach(flat::closed); // were a flat bar taken for a price, it would still be 100: check the map stays real
        traded("binance", "BTCUSDT", t0 + 12 * MINUTE + 1, "120");
        List<Bar> later = flat.due(t0 + 13 * MINUTE);
        assertEquals(List.of(10L, 11L), minutes(later, M1, t0), "minute 12 has its trade");
        later.forEach(b -> assertEquals(new BigDecimal("100"), b.close(), "the last real price, whatever came between"));
        assertEquals(0, closedBars.size(), "nothing a revision or a rollup would build on");
        assertTrue(openBars.rollupGroups().getKeys().isEmpty(), "no part went to a longer bar");
    }

    @Test
    void noPriceNoFlatBarAndNoneBeforeTheFirstTrade() {
        long t0 = MONDAY + 30 * MINUTE;
        quotes.update(new Tick("binance", "ETHUSDT", t0 + 1, BigDecimal.TEN, BigDecimal.ONE, null, 1));
        // ETHUSDT's first bar has not closed: it has a quote but no price before any bucket
        traded("binance", "BTCUSDT", t0 + 2 * MINUTE + 1, "100");
        List<Bar> bars = flat.due(t0 + 5 * MINUTE);
        assertTrue(bars.stream().allMatch(b -> b.symbol().equals("BTCUSDT")), bars.toString());
        assertEquals(List.of(3L, 4L), minutes(bars, M1, t0), "none before the first trade's minute");
        assertEquals(List.of(), minutes(bars, M5, t0));
    }

    @Test
    void aUsStockHasNoneAtNightOrOnWeekendsAndFromTheOpenOn() {
        // a pre-market trade at 14:00 UTC (09:00 New York); the session opens at 14:30 UTC
        long t0 = MONDAY + 14 * 60 * MINUTE;
        traded("finnhub", "AAPL", t0 + 1_000, "230");
        List<Bar> bars = flat.due(t0 + 60 * MINUTE);
        assertEquals(30, minutes(bars, M1, t0).size());
        assertEquals(30L, minutes(bars, M1, t0).get(0), "from 09:30 New York");
        assertEquals(List.of(30L, 35L, 40L, 45L, 50L, 55L), minutes(bars, M5, t0));

        build(true);
        long night = MONDAY + 2 * 60 * MINUTE; // 21:00 New York, Sunday
        traded("finnhub", "AAPL", night + 1_000, "230");
        assertEquals(List.of(), flat.due(night + 60 * MINUTE));

        build(true);
        traded("finnhub", "AAPL", SATURDAY + 15 * 60 * MINUTE, "230"); // a Saturday afternoon trade is kept, not flat-filled
        assertEquals(List.of(), flat.due(SATURDAY + 20 * 60 * MINUTE));
    }

    @Test
    void aHongKongStockHasNoneInTheLunchBreak() {
        // 11:58 Hong Kong; the morning session ends at 12:00 (04:00 UTC), the afternoon begins at 13:00 (05:00 UTC)
        long t0 = MONDAY + 3 * 60 * MINUTE + 58 * MINUTE;
        traded("alltick", "700.HK", t0 + 1_000, "400");
        List<Bar> bars = flat.due(MONDAY + 5 * 60 * MINUTE + 3 * MINUTE);
        assertEquals(List.of(1L, 62L, 63L, 64L), minutes(bars, M1, t0), "11:59, then 13:00 to 13:02");
        assertEquals(List.of(), minutes(bars, M5, t0), "11:55 traded, 13:00-13:05 has not ended");
        bars.forEach(b -> assertEquals(new BigDecimal("400"), b.close()));
    }

    @Test
    void noneWhileTheFeedIsDisconnectedOrBeforeItConnected() {
        long t0 = Instant.parse("2025-11-17T00:30:00Z").toEpochMilli(); // before the wall clock's now
        traded("binance", "BTCUSDT", t0 + 1, "100");
        feeds.disconnected("binance");
        assertEquals(List.of(), flat.due(t0 + 3 * MINUTE), "nobody was listening");
        feeds.connected("binance"); // since now: these buckets began before it
        assertEquals(List.of(), flat.due(t0 + 5 * MINUTE));
    }

    @Test
    void aBarStillOpenIsNotFlat() {
        long t0 = MONDAY + 30 * MINUTE;
        traded("binance", "BTCUSDT", t0 + 1, "100");
        // a tick admitted just before its bucket closed, whose group closes at the next sweep
        BarBook open = new BarBook(M1, t0 + MINUTE);
        open.add(new Tick("binance", "BTCUSDT", t0 + MINUTE + 1, BigDecimal.ONE, BigDecimal.ONE, null, 2), false);
        DefaultExchange group = new DefaultExchange(new DefaultCamelContext());
        group.getMessage().setBody(open);
        openBars.baseGroups().add(new DefaultCamelContext(), open.key().text(), group);
        assertEquals(List.of(2L), minutes(flat.due(t0 + 3 * MINUTE), M1, t0));
    }

    @Test
    void aFlatBarReadsFlatInJsonAndHasNoTradesInTheCsvRow() {
        long t0 = MONDAY + 30 * MINUTE;
        traded("binance", "BTCUSDT", t0 + 1, "100.50");
        Bar bar = flat.due(t0 + 2 * MINUTE).get(0);
        Map<String, Object> json = new BarFields().json(bar); // the Redis hash and members, pub/sub, user sinks
        assertEquals("flat", json.get("quality"));
        assertNull(json.get("vwap"));
        assertEquals(0L, ((Number) json.get("trade_count")).longValue());
        Map<String, Object> row = new BarFields().csvRow(bar);
        assertEquals(List.of("100.50", "100.50", "100.50", "100.50", "", "0", 0L), List.of(row.get("open"),
                row.get("high"), row.get("low"), row.get("close"), row.get("vwap"), row.get("volume"),
                ((Number) row.get("num_transactions")).longValue()));
    }

    @Test
    void offByDefault() {
        build(false);
        assertEquals(false, flat.enabled());
        traded("binance", "BTCUSDT", MONDAY + 1, "100");
        assertEquals(List.of(), flat.due(MONDAY + 10 * MINUTE));
    }

    @Test
    void sessionBucketsOverlapTheSession() {
        // a 1h bucket that holds the 09:30 open (14:00-15:00 UTC) is in session, the one before is not
        Interval h1 = Interval.parse("1h");
        List<Long> hours = FlatBars.inSession(io.caravan.market.Market.US, h1, MONDAY, MONDAY + 23 * 60 * MINUTE);
        assertEquals(List.of(14L, 15L, 16L, 17L, 18L, 19L, 20L), hours.stream().map(t -> (t - MONDAY) / 3_600_000).toList());
    }
}
