package io.caravan.alert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One symbol's prices over a trailing window of event time, enough to tell how far the last price is below the
 * window's highest. Keeps only the prices that can still become the highest (a falling sequence), so it stays
 * small however many prices it sees. Pure and single-threaded.
 */
final class DropWindow {

    private record Sample(long time, BigDecimal price) {
    }

    private final long windowMillis;
    private final Deque<Sample> candidates = new ArrayDeque<>();
    private BigDecimal last;

    DropWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    void add(long time, BigDecimal price) {
        while (!candidates.isEmpty() && candidates.peekLast().price().compareTo(price) <= 0) {
            candidates.pollLast();
        }
        candidates.addLast(new Sample(time, price));
        while (candidates.peekFirst().time() < time - windowMillis) {
            candidates.pollFirst();
        }
        last = price;
    }

    /** The highest price of the window, or null before the first. */
    BigDecimal high() {
        return candidates.isEmpty() ? null : candidates.peekFirst().price();
    }

    /** (high − last) / high × 100, four decimals; zero before the first price. */
    BigDecimal dropPercent() {
        BigDecimal high = high();
        if (high == null || high.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return high.subtract(last).multiply(BigDecimal.valueOf(100)).divide(high, MathContext.DECIMAL64)
                .setScale(4, RoundingMode.HALF_EVEN);
    }
}
