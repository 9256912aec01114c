package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.tick.Tick;

class BarBuilderTest {

    private static final String SYM = "BTCUSDT";
    private static final Interval M1 = Interval.parse("1m");
    private static final Interval M5 = Interval.parse("5m");
    private static final Interval M15 = Interval.parse("15m");
    /** 2024-08-08T23:55:00Z: a 1m and a 5m boundary. */
    private static final long T0 = 1_723_161_300_000L;

    private static Tick tick(long ts, String price, String size, Long tradeId, long seq) {
        return new Tick("test", SYM, ts, new BigDecimal(price), new BigDecimal(size), tradeId, seq);
    }

    private static Tick tick(long ts, String price, String size, long seq) {
        return tick(ts, price, size, null, seq);
    }

    private static Bar build(Interval interval, long openTime, List<Tick> ticks) {
        BarBuilder b = new BarBuilder(SYM, interval, openTime);
        ticks.forEach(b::add);
        return b.build();
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual, "expected " + expected + " (scale kept), was " + actual);
    }

    @Test
    void ohlcvFromEventTimeOrderNotArrivalOrder() {
        List<Tick> ticks = List.of(
                tick(T0 + 30_000, "101.5", "2", 1), // arrives first, but is the third trade
                tick(T0 + 10_000, "100.0", "1", 2), // first by time: open
                tick(T0 + 59_999, "99.25", "0.5", 3), // last by time: close
                tick(T0 + 20_000, "103", "1.5", 4), // high
                tick(T0 + 40_000, "98", "3", 5)); // low
        Bar bar = build(M1, T0, ticks);
        assertEquals(SYM, bar.symbol());
        assertEquals(M1, bar.interval());
        assertEquals(T0, bar.openTime());
        assertDecimal("100.0", bar.open());
        assertDecimal("103", bar.high());
        assertDecimal("98", bar.low());
        assertDecimal("99.25", bar.close());
        assertDecimal("8.0", bar.volume());
        assertEquals(5, bar.trades());
        // 100.0*1 + 101.5*2 + 99.25*0.5 + 103*1.5 + 98*3 = 100.0 + 203.0 + 49.625 + 154.5 + 294 = 801.125
        assertEquals(0, new BigDecimal("801.125").compareTo(bar.notional()));
        // 801.125 / 8 = 100.140625
        assertDecimal("100.140625", bar.vwap());
    }

    @Test
    void singleTradeBar() {
        Bar bar = BarBuilder.forTick(tick(T0 + 12_345, "61837.63000000", "0.02000000", 1), M1).build();
        assertEquals(T0, bar.openTime());
        assertDecimal("61837.63000000", bar.open());
        assertDecimal("61837.63000000", bar.high());
        assertDecimal("61837.63000000", bar.low());
        assertDecimal("61837.63000000", bar.close());
        assertDecimal("0.02000000", bar.volume());
        assertEquals(1, bar.trades());
        assertDecimal("61837.63", bar.vwap());
    }

    @Test
    void exactDecimalsKeepTheirScale() {
        Bar bar = build(M1, T0, List.of(
                tick(T0 + 1, "61837.63000000", "0.02000000", 1),
                tick(T0 + 2, "61837.64000000", "0.10000000", 2),
                tick(T0 + 3, "61837.10000000", "0.00100000", 3)));
        assertEquals("61837.63000000", bar.open().toPlainString());
        assertEquals("61837.64000000", bar.high().toPlainString());
        assertEquals("61837.10000000", bar.low().toPlainString());
        assertEquals("61837.10000000", bar.close().toPlainString());
        assertEquals("0.12100000", bar.volume().toPlainString());
    }

    @Test
    void vwapIsRoundedHalfEvenToVwapScale() {
        assertEquals(10, BarBuilder.VWAP_SCALE);
        // (1 + 2*2) / 3 = 1.666... -> 1.6666666667
        Bar thirds = build(M1, T0, List.of(tick(T0, "1", "1", 1), tick(T0 + 1, "2", "2", 2)));
        assertEquals("1.6666666667", thirds.vwap().toPlainString());

        // exactly half way at the 11th decimal: 1.00000000005 -> 1.0000000000 (even), not 1.0000000001 (half-up)
        Bar downToEven = build(M1, T0, List.of(tick(T0, "1", "1", 1), tick(T0 + 1, "1.0000000001", "1", 2)));
        assertEquals("1", downToEven.vwap().toPlainString());

        // 1.00000000015 -> 1.0000000002 (even), not 1.0000000001 (half-down)
        Bar upToEven = build(M1, T0, List.of(tick(T0, "1", "1", 1), tick(T0 + 1, "1.0000000003", "1", 2)));
        assertEquals("1.0000000002", upToEven.vwap().toPlainString());
    }

    @Test
    void vwapHasTrailingZerosStrippedAndNeverAnExponent() {
        Bar hundred = build(M1, T0, List.of(tick(T0, "100.00", "1.000", 1), tick(T0 + 1, "100.0", "3", 2)));
        assertEquals("100", hundred.vwap().toString());
        assertEquals(0, hundred.vwap().scale(), "100 must not be 1E+2");

        Bar big = build(M1, T0, List.of(tick(T0, "5000000", "2", 1)));
        assertEquals("5000000", big.vwap().toString());
        assertEquals(0, big.vwap().scale());

        Bar half = build(M1, T0, List.of(tick(T0, "17.50000000", "1.00000000", 1)));
        assertEquals("17.5", half.vwap().toString());

        Bar tiny = build(M1, T0, List.of(tick(T0, "0.00000638", "177.00000000", 1)));
        assertEquals("0.00000638", tiny.vwap().toPlainString());
        assertEquals(8, tiny.vwap().scale());

        Bar tinier = build(M1, T0, List.of(tick(T0, "0.00000012", "3", 1)));
        assertEquals("0.00000012", tinier.vwap().toPlainString());
        assertTrue(tinier.vwap().scale() >= 0);
    }

    @Test
    void vwapIsNullWhenVolumeIsZero() {
        Bar bar = build(M1, T0, List.of(tick(T0 + 5, "7296.89", "0", 1), tick(T0 + 6, "7297.10", "0.0", 2)));
        assertNull(bar.vwap());
        assertEquals(0, bar.volume().signum());
        assertEquals(2, bar.trades());
        assertDecimal("7296.89", bar.open());
        assertDecimal("7297.10", bar.close());
    }

    @Test
    void zeroSizeTicksCountAsTradesAndMoveOhlcButNotVolumeOrVwap() {
        Bar bar = build(M1, T0, List.of(
                tick(T0 + 1, "50", "0", 1), // open, price-only update
                tick(T0 + 2, "10", "2", 2),
                tick(T0 + 3, "80", "0", 3), // high
                tick(T0 + 4, "5", "0", 4), // low
                tick(T0 + 5, "20", "2", 5),
                tick(T0 + 6, "60", "0", 6))); // close
        assertDecimal("50", bar.open());
        assertDecimal("80", bar.high());
        assertDecimal("5", bar.low());
        assertDecimal("60", bar.close());
        assertDecimal("4", bar.volume());
        assertEquals(6, bar.trades());
        assertEquals("15", bar.vwap().toPlainString());
    }

    @Test
    void tiesOnTimestampAreBrokenByTradeIdNotArrival() {
        // same ts; arrival sequence says b, a, c but trade ids say a(3), b(7), c(9)
        Tick a = tick(T0 + 500, "10", "1", 3L, 2);
        Tick b = tick(T0 + 500, "20", "1", 7L, 1);
        Tick c = tick(T0 + 500, "30", "1", 9L, 0);
        Bar bar = build(M1, T0, List.of(b, c, a));
        assertDecimal("10", bar.open());
        assertDecimal("30", bar.close());
    }

    @Test
    void tiesOnTimestampWithoutTradeIdAreBrokenBySequence() {
        Tick first = tick(T0 + 500, "10", "1", 41);
        Tick middle = tick(T0 + 500, "20", "1", 42);
        Tick last = tick(T0 + 500, "30", "1", 43);
        for (List<Tick> order : List.of(List.of(first, middle, last), List.of(last, middle, first),
                List.of(middle, last, first))) {
            Bar bar = build(M1, T0, order);
            assertDecimal("10", bar.open());
            assertDecimal("30", bar.close());
        }
    }

    @Test
    void timestampComesBeforeTradeIdAndSequence() {
        Tick early = tick(T0 + 100, "10", "1", 900L, 900);
        Tick late = tick(T0 + 200, "20", "1", 1L, 1);
        Bar bar = build(M1, T0, List.of(late, early));
        assertDecimal("10", bar.open());
        assertDecimal("20", bar.close());
    }

    @Test
    void sameTicksInAnyOrderGiveAnEqualBar() {
        List<Tick> ticks = new ArrayList<>(List.of(
                tick(T0 + 1_000, "100.00", "1", 10L, 1),
                tick(T0 + 1_000, "100.0", "2", 11L, 2), // same ts, same value, other scale
                tick(T0 + 5_000, "100", "0.5", 12L, 3), // the high three times in three scales
                tick(T0 + 7_000, "90.5", "1", 13L, 4),
                tick(T0 + 8_000, "90.50", "1", 14L, 5), // the low twice in two scales
                tick(T0 + 8_000, "90.500", "0", 15L, 6),
                tick(T0 + 20_000, "95.1", "0.25", 16L, 7),
                tick(T0 + 59_999, "95.10", "0.75", 17L, 8),
                tick(T0 + 59_999, "95.100", "0", 18L, 9))); // last by id: close keeps this scale
        Bar reference = build(M1, T0, ticks);
        assertEquals("100.00", reference.open().toPlainString());
        assertEquals("95.100", reference.close().toPlainString());
        assertEquals(0, new BigDecimal("100").compareTo(reference.high()));
        assertEquals(0, new BigDecimal("90.5").compareTo(reference.low()));

        Random random = new Random(20240808L);
        for (int i = 0; i < 200; i++) {
            List<Tick> shuffled = new ArrayList<>(ticks);
            Collections.shuffle(shuffled, random);
            Bar bar = build(M1, T0, shuffled);
            assertEquals(reference, bar, "order " + shuffled);
            assertEquals(reference.high().toPlainString(), bar.high().toPlainString());
            assertEquals(reference.low().toPlainString(), bar.low().toPlainString());
            assertEquals(reference.vwap().toPlainString(), bar.vwap().toPlainString());
        }
    }

    @Test
    void sequenceOrderedTicksInAnyOrderGiveAnEqualBar() {
        Random random = new Random(7);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // few distinct timestamps so that most ticks tie on ts and are ordered by sequence alone
            long ts = T0 + 1_000L * random.nextInt(4);
            String price = BigDecimal.valueOf(100 + random.nextInt(5)).setScale(random.nextInt(3)).toPlainString();
            ticks.add(tick(ts, price, Integer.toString(random.nextInt(3)), i));
        }
        Bar reference = build(M1, T0, ticks);
        for (int i = 0; i < 200; i++) {
            List<Tick> shuffled = new ArrayList<>(ticks);
            Collections.shuffle(shuffled, random);
            assertEquals(reference, build(M1, T0, shuffled));
        }
    }

    @Test
    void bucketEdges() {
        BarBuilder b = new BarBuilder(SYM, M1, T0);
        b.add(tick(T0, "1", "1", 1)); // exactly at the start: belongs
        b.add(tick(T0 + 60_000 - 1, "2", "1", 2)); // last millisecond: belongs
        assertThrows(IllegalArgumentException.class, () -> b.add(tick(T0 + 60_000, "3", "1", 3)));
        assertThrows(IllegalArgumentException.class, () -> b.add(tick(T0 - 1, "3", "1", 4)));
        Bar bar = b.build();
        assertEquals(2, bar.trades());
        assertDecimal("1", bar.open());
        assertDecimal("2", bar.close());
    }

    @Test
    void refusesATickOfAnotherSymbol() {
        BarBuilder b = new BarBuilder(SYM, M1, T0);
        Tick other = new Tick("test", "ETHUSDT", T0, BigDecimal.ONE, BigDecimal.ONE, null, 1);
        assertThrows(IllegalArgumentException.class, () -> b.add(other));
        assertThrows(IllegalStateException.class, b::build, "the refused tick must not have been counted");
    }

    @Test
    void forTickLabelsTheBarByItsBucketStart() {
        assertEquals(T0, BarBuilder.forTick(tick(T0 + 59_999, "1", "1", 1), M1).openTime());
        assertEquals(T0, BarBuilder.forTick(tick(T0 + 299_999, "1", "1", 1), M5).openTime());
        assertEquals(T0 + 60_000, BarBuilder.forTick(tick(T0 + 60_000, "1", "1", 1), M1).openTime());
    }

    @Test
    void barsBefore1970FloorToTheEarlierBucket() {
        Tick t = new Tick("test", SYM, -1, BigDecimal.ONE, BigDecimal.ONE, null, 1);
        BarBuilder b = BarBuilder.forTick(t, M1);
        assertEquals(-60_000, b.openTime());
        b.add(new Tick("test", SYM, -60_000, BigDecimal.TEN, BigDecimal.ONE, null, 2));
        assertThrows(IllegalArgumentException.class,
                () -> b.add(new Tick("test", SYM, 0, BigDecimal.ONE, BigDecimal.ONE, null, 3)));
        Bar bar = b.build();
        assertEquals(-60_000, bar.openTime());
        assertDecimal("10", bar.open());
        assertDecimal("1", bar.close());
    }

    @Test
    void buildWithoutTradesThrows() {
        assertThrows(IllegalStateException.class, () -> new BarBuilder(SYM, M1, T0).build());
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 42, 20240808 })
    void rollingUpOneMinuteBarsEqualsBuildingFromTicks(long seed) {
        Random random = new Random(seed);
        List<Tick> ticks = randomTicks(random, T0, 300_000, 400);
        assertRollupEqualsDirect(ticks, random);
    }

    @Test
    void rollingUpWithTradeIdsAndZeroVolumeMinutes() {
        Random random = new Random(99);
        List<Tick> ticks = new ArrayList<>();
        long id = 5_000;
        for (int minute = 0; minute < 5; minute++) {
            for (int i = 0; i < 20; i++) {
                long ts = T0 + minute * 60_000L + random.nextInt(3) * 20_000L; // many ts ties
                // minute 2 is price-only updates: zero size throughout
                String size = minute == 2 ? "0" : "0.0" + (1 + random.nextInt(9));
                ticks.add(tick(ts, (200 + random.nextInt(10)) + ".5", size, id++, 1_000 - id));
            }
        }
        assertRollupEqualsDirect(ticks, random);
    }

    @Test
    void rollupOfOnlyZeroVolumeHasNoVwap() {
        List<Tick> ticks = List.of(tick(T0 + 1, "10", "0", 1), tick(T0 + 120_000, "11", "0", 2));
        Bar direct = build(M5, T0, ticks);
        BarBuilder rolled = new BarBuilder(SYM, M5, T0);
        rolled.merge(BarBuilder.forTick(ticks.get(1), M1).build());
        rolled.merge(BarBuilder.forTick(ticks.get(0), M1).build());
        assertEquals(direct, rolled.build());
        assertNull(direct.vwap());
    }

    private static void assertRollupEqualsDirect(List<Tick> ticks, Random random) {
        Bar direct = build(M5, T0, ticks);
        Map<Long, BarBuilder> minutes = new LinkedHashMap<>();
        for (Tick t : ticks) {
            minutes.computeIfAbsent(M1.bucketStart(t.ts()), open -> new BarBuilder(SYM, M1, open)).add(t);
        }
        List<Bar> oneMinute = minutes.values().stream().map(BarBuilder::build).toList();
        for (int i = 0; i < 50; i++) {
            List<Bar> order = new ArrayList<>(oneMinute);
            Collections.shuffle(order, random);
            BarBuilder rolled = BarBuilder.forBar(order.get(0), M5);
            order.subList(1, order.size()).forEach(rolled::merge);
            assertEquals(direct, rolled.build(), "merge order " + order.stream().map(Bar::openTime).toList());

            List<Tick> shuffled = new ArrayList<>(ticks);
            Collections.shuffle(shuffled, random);
            assertEquals(direct, build(M5, T0, shuffled));
        }
    }

    /** Ticks over [start, start+span) with distinct sequences, scale variety, ts ties and some zero sizes. */
    private static List<Tick> randomTicks(Random random, long start, long span, int n) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = start + (long) (random.nextDouble() * span) / 250 * 250;
            BigDecimal price = BigDecimal.valueOf(60_000 + random.nextInt(2_000), 2).setScale(2 + random.nextInt(7));
            BigDecimal size = random.nextInt(10) == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(1 + random.nextInt(100_000), 5 + random.nextInt(4));
            ticks.add(new Tick("test", SYM, ts, price, size, null, i + 1));
        }
        return ticks;
    }

    @Test
    void mergeRefusesBarsFromAnotherBucketSymbolOrALongerInterval() {
        BarBuilder fiveMinutes = new BarBuilder(SYM, M5, T0);
        Bar nextBucket = BarBuilder.forTick(tick(T0 + 300_000, "1", "1", 1), M1).build();
        assertThrows(IllegalArgumentException.class, () -> fiveMinutes.merge(nextBucket));
        Bar previousBucket = BarBuilder.forTick(tick(T0 - 1, "1", "1", 1), M1).build();
        assertThrows(IllegalArgumentException.class, () -> fiveMinutes.merge(previousBucket));
        Bar otherSymbol = BarBuilder.forTick(new Tick("test", "ETHUSDT", T0, BigDecimal.ONE, BigDecimal.ONE, null, 1), M1)
                .build();
        assertThrows(IllegalArgumentException.class, () -> fiveMinutes.merge(otherSymbol));
        Bar longer = BarBuilder.forTick(tick(T0, "1", "1", 1), M15).build();
        assertThrows(IllegalArgumentException.class, () -> fiveMinutes.merge(longer));
        assertThrows(IllegalStateException.class, fiveMinutes::build, "refused bars must not have been counted");

        fiveMinutes.merge(BarBuilder.forTick(tick(T0 + 299_999, "2", "1", 1), M1).build());
        assertEquals(1, fiveMinutes.build().trades());
    }

    @Test
    void barToStringOfBuiltBarHasNoExponent() {
        Bar bar = build(M1, T0, List.of(tick(T0, "1000", "10", 1), tick(T0 + 1, "1000", "10", 2)));
        assertFalse(bar.vwap().toString().contains("E"));
        assertEquals("1000", bar.vwap().toString());
    }
}
