package io.caravan.reconcile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.caravan.api.BarView;
import io.caravan.feed.Kline;

/**
 * Compares closed bars built from ticks with a provider's klines of the same minutes, field by field: open, high,
 * low, close, volume always; VWAP and trade count only where the provider reports them. Only the span from our first
 * to our last closed bar is compared: before it caravan was not running, after it bars are still open. Inside it, a
 * minute with a kline but no bar (or the reverse) is a volume mismatch against 0.
 */
public final class BarComparison {

    private final BigDecimal tolerance;

    public BarComparison(BigDecimal tolerance) {
        this.tolerance = tolerance;
    }

    public List<Mismatch> compare(String symbol, String provider, String interval, List<BarView> ours,
            List<Kline> theirs) {
        TreeMap<Long, BarView> bars = new TreeMap<>();
        ours.stream().filter(BarView::closed).forEach(b -> bars.put(b.time(), b));
        List<Mismatch> mismatches = new ArrayList<>();
        if (bars.isEmpty()) {
            return mismatches;
        }
        long first = bars.firstKey();
        long last = bars.lastKey();
        Map<Long, Kline> klines = new TreeMap<>();
        theirs.stream().filter(k -> k.openTime() >= first && k.openTime() <= last).forEach(k -> klines.put(k.openTime(), k));
        TreeSet<Long> minutes = new TreeSet<>(bars.keySet());
        minutes.addAll(klines.keySet());
        for (long minute : minutes) {
            BarView bar = bars.get(minute);
            Kline kline = klines.get(minute);
            if (bar == null) {
                check(mismatches, symbol, provider, interval, minute, "volume", BigDecimal.ZERO, kline.volume(),
                        "no bar built from ticks");
            } else if (kline == null) {
                check(mismatches, symbol, provider, interval, minute, "volume", bar.volume(), BigDecimal.ZERO,
                        "no kline from the provider");
            } else {
                check(mismatches, symbol, provider, interval, minute, "open", bar.open(), kline.open(), null);
                check(mismatches, symbol, provider, interval, minute, "high", bar.high(), kline.high(), null);
                check(mismatches, symbol, provider, interval, minute, "low", bar.low(), kline.low(), null);
                check(mismatches, symbol, provider, interval, minute, "close", bar.close(), kline.close(), null);
                check(mismatches, symbol, provider, interval, minute, "volume", bar.volume(), kline.volume(), null);
                if (kline.vwap() != null && bar.vwap() != null) {
                    check(mismatches, symbol, provider, interval, minute, "vwap", bar.vwap(), kline.vwap(), null);
                }
                if (kline.trades() != null && bar.trades() != null) {
                    check(mismatches, symbol, provider, interval, minute, "trades", BigDecimal.valueOf(bar.trades()),
                            BigDecimal.valueOf(kline.trades()), null);
                }
            }
        }
        return mismatches;
    }

    private void check(List<Mismatch> out, String symbol, String provider, String interval, long minute, String field,
            BigDecimal ours, BigDecimal theirs, String note) {
        BigDecimal relative = relative(ours, theirs);
        if (relative.compareTo(tolerance) > 0) {
            out.add(new Mismatch(symbol, interval, minute, provider, field, ours, theirs, relative, note));
        }
    }

    /** |a - b| / max(|a|, |b|); 0 when both are 0. */
    static BigDecimal relative(BigDecimal a, BigDecimal b) {
        BigDecimal scale = a.abs().max(b.abs());
        if (scale.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return a.subtract(b).abs().divide(scale, MathContext.DECIMAL64);
    }
}
