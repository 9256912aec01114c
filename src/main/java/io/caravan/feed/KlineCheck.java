package io.caravan.feed;

import java.math.BigDecimal;
import java.time.Instant;

import io.caravan.bar.Interval;
import io.caravan.tick.BoundedDecimal;
import io.caravan.tick.Excerpt;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/** The checks every kline passes, whichever provider sent it: numbers, an aligned start, a consistent range. */
public final class KlineCheck {

    private KlineCheck() {
    }

    public static BigDecimal decimal(String text, String field, String body) {
        if (text == null || text.isBlank()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, field, body);
        }
        try {
            // bounded before conversion: 1e10000000 is no market quantity, and its plain form ten million digits
            return BoundedDecimal.parse(text.trim());
        } catch (NumberFormatException e) {
            throw new TickRejectedException(RejectReason.NOT_A_NUMBER, field + " " + e.getMessage() + ": "
                    + Excerpt.of(text), body);
        }
    }

    public static long millis(String text, String field, String body) {
        BigDecimal value = decimal(text, field, body);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new TickRejectedException(RejectReason.BAD_TIMESTAMP, field + " " + text, body);
        }
    }

    /** A time in UNIX seconds as epoch milliseconds; seconds whose milliseconds overflow a long are refused. */
    public static long secondsToMillis(String text, String field, String body) {
        long seconds = millis(text, field, body);
        try {
            return Math.multiplyExact(seconds, 1000L);
        } catch (ArithmeticException e) {
            throw new TickRejectedException(RejectReason.BAD_TIMESTAMP, field + " " + text + " s", body);
        }
    }

    /** Refuses the kline, with the body it came in, unless it is a bar caravan could have built. */
    public static Kline check(Kline k, String body) {
        if (k.openTime() <= 0 || k.interval().bucketStart(k.openTime()) != k.openTime()) {
            throw new TickRejectedException(RejectReason.BAD_TIMESTAMP, "kline start " + k.openTime() + " ("
                    + Instant.ofEpochMilli(k.openTime()) + ") is not on a " + k.interval() + " boundary", body);
        }
        if (k.low().signum() <= 0) {
            throw new TickRejectedException(RejectReason.NON_POSITIVE_PRICE, "low " + k.low(), body);
        }
        if (k.volume().signum() < 0) {
            throw new TickRejectedException(RejectReason.NEGATIVE_SIZE, "volume " + k.volume(), body);
        }
        if (k.high().compareTo(k.low()) < 0 || k.open().compareTo(k.high()) > 0 || k.open().compareTo(k.low()) < 0
                || k.close().compareTo(k.high()) > 0 || k.close().compareTo(k.low()) < 0) {
            throw new TickRejectedException(RejectReason.MALFORMED, "open/close outside low..high at "
                    + Instant.ofEpochMilli(k.openTime()), body);
        }
        return k;
    }
}
