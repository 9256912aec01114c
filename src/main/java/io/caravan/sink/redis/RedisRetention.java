package io.caravan.sink.redis;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bars a time series keeps: the newest {@code count} bars, or those opened within {@code age} of the newest
 * bar. Age is counted from the newest bar, not the clock, so a replay of last year's data is not trimmed away.
 */
public record RedisRetention(Kind kind, long value) {

    public enum Kind {
        COUNT, AGE
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** {@code 10000} keeps 10,000 bars; {@code 7d}, {@code 12h}, {@code 90m}, {@code 30s} keep an age. */
    public static RedisRetention parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                long count = Long.parseLong(value);
                if (count >= 1) {
                    return new RedisRetention(Kind.COUNT, count);
                }
            }
            Matcher m = AGE.matcher(value);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                long unit = switch (m.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> 86_400_000L;
                };
                if (n >= 1) {
                    return new RedisRetention(Kind.AGE, Math.multiplyExact(n, unit));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("caravan.redis.retention: '" + text
                + "' is neither a count of bars (e.g. 10000) nor an age (e.g. 7d, 12h, 90m)");
    }
}
