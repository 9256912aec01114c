package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

/** The state gap-fill revises: a copied base bar taking late trades, a longer bar whose part is replaced. */
class RevisionStateTest {

    private static final Interval M1 = Interval.parse("1m");
    private static final Interval M5 = Interval.parse("5m");
    private static final long T0 = 1_700_000_100_000L - 1_700_000_100_000L % 300_000L;

    private static Tick tick(long ts, String price, String size, long seq) {
        return new Tick("test", "AAPL", ts, new BigDecimal(price), new BigDecimal(size), null, seq);
    }

    @Test
    void aCopyTakingTheMissedTradesEqualsTheBarBuiltFromAllTrades() {
        List<Tick> all = List.of(tick(T0 + 1_000, "10", "1", 1), tick(T0 + 20_000, "12", "2", 2),
                tick(T0 + 30_000, "9", "1", 3), tick(T0 + 59_000, "11", "4", 4));
        BarBuilder live = new BarBuilder("AAPL", M1, T0);
        live.add(all.get(1)).add(all.get(3)); // the feed missed the first and the third
        Bar first = live.build();

        BarBuilder revised = live.copy().markBackfilled().add(all.get(0)).add(all.get(2));
        BarBuilder direct = new BarBuilder("AAPL", M1, T0);
        all.forEach(direct::add);

        Bar expected = direct.build(1);
        Bar actual = revised.build(1);
        assertEquals(new BigDecimal("10"), actual.open(), "the missed first trade opens the bar");
        assertEquals(new BigDecimal("9"), actual.low());
        assertEquals(expected.close(), actual.close());
        assertEquals(expected.volume(), actual.volume());
        assertEquals(expected.vwap(), actual.vwap());
        assertEquals(4, actual.trades());
        assertEquals(BarQuality.BACKFILLED, actual.quality());
        assertEquals(1, actual.revision());
        // the copy is independent: the bar written first is unchanged
        assertEquals(first, live.build());
        assertEquals(BarQuality.LIVE, first.quality());
    }

    @Test
    void aRevisedPartReplacesItsEarlierVersionInTheLongerBar() {
        List<Bar> minutes = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            minutes.add(new BarBuilder("AAPL", M1, T0 + m * 60_000L).add(tick(T0 + m * 60_000L + 5, "1" + m, "1", m))
                    .build());
        }
        RollupBar five = RollupBar.forPart(minutes.get(0), M5);
        minutes.subList(1, 5).forEach(five::put);
        Bar before = five.build();
        assertEquals(new BigDecimal("5"), before.volume());

        Bar revisedMinute = new BarBuilder("AAPL", M1, T0 + 120_000L).add(tick(T0 + 120_005, "12", "1", 2))
                .add(tick(T0 + 120_009, "30", "3", 9)).markBackfilled().build(1);
        RollupBar revised = five.copy().put(revisedMinute);
        Bar after = revised.build(1);
        assertEquals(new BigDecimal("8"), after.volume(), "replaced, not added: 5 - 1 + 4");
        assertEquals(new BigDecimal("30"), after.high());
        assertEquals(6, after.trades());
        assertEquals(BarQuality.BACKFILLED, after.quality(), "a backfilled part makes the longer bar backfilled");
        assertEquals(before, five.build(), "the copy is independent");

        BarBuilder direct = new BarBuilder("AAPL", M5, T0);
        for (Bar part : List.of(minutes.get(0), minutes.get(1), revisedMinute, minutes.get(3), minutes.get(4))) {
            direct.merge(part);
        }
        assertEquals(direct.build(1), after);
    }

    @Test
    void aPartFromAnotherBucketOrIntervalIsRefused() {
        Bar minute = new BarBuilder("AAPL", M1, T0).add(tick(T0 + 5, "1", "1", 1)).build();
        RollupBar five = RollupBar.forPart(minute, M5);
        Bar nextBucket = new BarBuilder("AAPL", M1, T0 + 300_000L).add(tick(T0 + 300_005, "1", "1", 2)).build();
        assertThrows(IllegalArgumentException.class, () -> five.put(nextBucket));
        Bar sameLength = new BarBuilder("AAPL", M5, T0).add(tick(T0 + 5, "1", "1", 1)).build();
        assertThrows(IllegalArgumentException.class, () -> five.put(sameLength));
    }

    private static Bar kline(long openTime, String o, String h, String l, String c, String v, String notional,
            Long trades) {
        return new Bar("AAPL", M1, openTime, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c),
                new BigDecimal(v), notional == null ? null : new BigDecimal(notional), null, trades,
                BarQuality.BACKFILLED, 0);
    }

    @Test
    void aKlineTakenAsTheWholeBarLeavesWhatItDoesNotCarryUnknown() {
        // a Finnhub candle: prices and volume, no notional, no trade count
        Bar built = BarBuilder.forBar(kline(T0, "10", "12", "9", "11", "8", null, null), M1).build(2);
        assertEquals(new BigDecimal("10"), built.open());
        assertEquals(new BigDecimal("12"), built.high());
        assertEquals(new BigDecimal("9"), built.low());
        assertEquals(new BigDecimal("11"), built.close());
        assertEquals(new BigDecimal("8"), built.volume());
        assertNull(built.notional(), "notional unknown");
        assertNull(built.vwap(), "VWAP unknown, never invented");
        assertNull(built.trades(), "trade count unknown, not 0");
        assertEquals(BarQuality.BACKFILLED, built.quality());
        assertEquals(2, built.revision());

        // a Binance kline: quote volume (the notional) and a trade count; the VWAP follows from them
        Bar binance = BarBuilder.forBar(kline(T0, "10", "12", "9", "11", "8", "84", 5L), M1).build();
        assertEquals(new BigDecimal("10.5"), binance.vwap());
        assertEquals(5L, binance.trades());
    }

    @Test
    void onePartWithoutACountMakesTheLongerBarsCountAndVwapUnknownTheRestStaysExact() {
        Bar traded = new BarBuilder("AAPL", M1, T0).add(tick(T0 + 5, "10", "2", 1)).add(tick(T0 + 9, "11", "2", 2))
                .build();
        Bar candle = kline(T0 + 60_000L, "11", "13", "10", "12", "4", null, null);
        Bar five = RollupBar.forPart(traded, M5).put(candle).build();
        assertEquals(new BigDecimal("10"), five.open());
        assertEquals(new BigDecimal("13"), five.high());
        assertEquals(new BigDecimal("10"), five.low());
        assertEquals(new BigDecimal("12"), five.close());
        assertEquals(new BigDecimal("8"), five.volume());
        assertNull(five.trades());
        assertNull(five.vwap());
        assertEquals(BarQuality.BACKFILLED, five.quality());

        // the same minute known again (a later revision with trades) makes the hour whole again
        Bar retraded = new BarBuilder("AAPL", M1, T0 + 60_000L).add(tick(T0 + 60_001L, "11", "4", 3)).build(1);
        Bar again = RollupBar.forPart(traded, M5).put(candle).put(retraded).build(1);
        assertEquals(3L, again.trades());
        assertEquals(new BigDecimal("10.75"), again.vwap());

        // a copy of a builder with an unknown part keeps it unknown
        BarBuilder withCandle = BarBuilder.forBar(candle, M5);
        assertNull(withCandle.copy().merge(traded).build().trades());
    }
}
