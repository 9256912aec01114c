package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
