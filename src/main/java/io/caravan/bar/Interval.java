package io.caravan.bar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bar length such as {@code 1m} or {@code 1h}; buckets are aligned to the UTC epoch. */
public record Interval(String label, long millis) implements Comparable<Interval> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)([smhd])");
    private static final long DAY = 86_400_000L;

    public static Interval parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("interval '" + text + "' is not <number><s|m|h|d>, e.g. 1m, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> DAY;
        };
        long millis;
        try {
            millis = Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            millis = 0; // n * unit beyond a long wrapped around (576460752303423489m was 1m): refused below
        }
        if (millis <= 0 || DAY % millis != 0) {
            throw new IllegalArgumentException("interval '" + text + "' must divide a day evenly");
        }
        return new Interval(m.group(1) + m.group(2), millis);
    }

    /** Start of the bucket holding {@code ts}: {@code floor(ts / I) * I}. */
    public long bucketStart(long ts) {
        return Math.floorDiv(ts, millis) * millis;
    }

    @Override
    public int compareTo(Interval other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public String toString() {
        return label;
    }
}
