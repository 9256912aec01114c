package io.caravan.tick;

import java.math.BigDecimal;

/**
 * Decimal text from the wire, bounded before it becomes a number: at most {@link #MAX_CHARS} characters, at most
 * {@link #MAX_INTEGER_DIGITS} integer digits and {@link #MAX_SCALE} decimals. Within these bounds building the number
 * is cheap; without them a ten-character {@code 1e10000000} is ten million digits in plain form and minutes of
 * BigInteger work, and a million-digit text seconds of it.
 */
public final class BoundedDecimal {

    /** Longest number text read: 18 + 18 digits, sign, point and an exponent, with room for leading zeros. */
    public static final int MAX_CHARS = 100;
    public static final int MAX_INTEGER_DIGITS = 18;
    public static final int MAX_SCALE = 18;

    private BoundedDecimal() {
    }

    /**
     * @throws NumberFormatException when the text is no decimal within the bounds; its message says why in a few
     *                               words and never carries the text
     */
    public static BigDecimal parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new NumberFormatException("longer than " + MAX_CHARS + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal");
        }
        if (!inRange(value)) {
            throw new NumberFormatException("out of range");
        }
        return value;
    }

    /** Whether the value has at most 18 integer digits and 18 decimals: a market quantity, cheap to print and use. */
    public static boolean inRange(BigDecimal value) {
        // long arithmetic: with a scale near Integer.MIN_VALUE the int difference overflows and passed the check
        return (long) value.precision() - value.scale() <= MAX_INTEGER_DIGITS && value.scale() <= MAX_SCALE;
    }

    /** Whether {@link #parse} would take the text. */
    public static boolean accepts(String text) {
        try {
            parse(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
