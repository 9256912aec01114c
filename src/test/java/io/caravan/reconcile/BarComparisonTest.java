package io.caravan.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caravan.api.BarView;
import io.caravan.bar.Interval;
import io.caravan.feed.Kline;

class BarComparisonTest {

    static final Interval M1 = Interval.parse("1m");
    static final long T = 1_795_320_000_000L;

    static BarView bar(long time, String o, String h, String l, String c, String v, String vwap, long trades,
            boolean closed) {
        return new BarView(time, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c),
                new BigDecimal(v), vwap == null ? null : new BigDecimal(vwap), trades, closed);
    }

    static Kline kline(long time, String o, String h, String l, String c, String v, String vwap, Long trades) {
        return new Kline("binance", "BTCUSDT", M1, time, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), new BigDecimal(v), null, vwap == null ? null : new BigDecimal(vwap), trades);
    }

    @Test
    void equalBarsWithinTheToleranceAreNoMismatch() {
        BarComparison comparison = new BarComparison(new BigDecimal("0.0001"));
        List<Mismatch> found = comparison.compare("BTCUSDT", "binance", "1m",
                List.of(bar(T, "100", "101", "99", "100.5", "10", "100.2", 7, true)),
                List.of(kline(T, "100.000", "101.009", "99", "100.5", "10", "100.2", 7L)));
        assertTrue(found.isEmpty(), found.toString());
    }

    @Test
    void everyFieldBeyondTheToleranceIsOneMismatchVwapAndTradesOnlyWhenReported() {
        BarComparison comparison = new BarComparison(new BigDecimal("0.0001"));
        List<Mismatch> found = comparison.compare("BTCUSDT", "binance", "1m",
                List.of(bar(T, "100", "101", "99", "100.5", "10", "100.2", 7, true),
                        bar(T + 60_000, "100", "101", "99", "100.5", "10", "100.2", 7, true)),
                List.of(kline(T, "100", "101", "99", "101", "12", "100.3", 8L),
                        kline(T + 60_000, "100", "101", "99", "100.5", "10", null, null)));
        assertEquals(List.of("close", "volume", "vwap", "trades"), found.stream().map(Mismatch::field).toList());
        Mismatch close = found.get(0);
        assertEquals(0, new BigDecimal("100.5").compareTo(close.ours()));
        assertEquals(0, new BigDecimal("101").compareTo(close.theirs()));
        assertEquals(T, close.openTime());
    }

    @Test
    void missingMinutesInsideOurSpanAreVolumeMismatchesOutsideItNothing() {
        BarComparison comparison = new BarComparison(new BigDecimal("0.0001"));
        long m = 60_000;
        List<Mismatch> found = comparison.compare("BTCUSDT", "binance", "1m",
                List.of(bar(T, "1", "1", "1", "1", "5", null, 1, true), bar(T + 2 * m, "1", "1", "1", "1", "5", null, 1, true),
                        bar(T + 3 * m, "1", "1", "1", "1", "5", null, 1, true),
                        bar(T + 4 * m, "1", "1", "1", "1", "5", null, 1, false)),
                List.of(kline(T - m, "1", "1", "1", "1", "9", null, null), kline(T, "1", "1", "1", "1", "5", null, null),
                        kline(T + m, "1", "1", "1", "1", "3", null, null), kline(T + 4 * m, "1", "1", "1", "1", "9", null, null)));
        // before our first bar: caravan was not running; T+4m is still open; T+1m we missed; T+2m/T+3m they lack
        assertEquals(List.of(T + m, T + 2 * m, T + 3 * m), found.stream().map(Mismatch::openTime).toList());
        assertEquals("no bar built from ticks", found.get(0).note());
        assertEquals(0, BigDecimal.ZERO.compareTo(found.get(0).ours()));
        assertEquals("no kline from the provider", found.get(1).note());
        assertTrue(found.stream().allMatch(x -> x.field().equals("volume")));
    }

    @Test
    void relativeDifference() {
        assertEquals(0, BigDecimal.ZERO.compareTo(BarComparison.relative(BigDecimal.ZERO, BigDecimal.ZERO)));
        assertEquals(0, new BigDecimal("0.01").compareTo(BarComparison.relative(new BigDecimal("99"),
                new BigDecimal("100"))));
        assertEquals(0, BigDecimal.ONE.compareTo(BarComparison.relative(BigDecimal.ZERO, new BigDecimal("5"))));
    }
}
