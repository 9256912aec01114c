package io.caravan.bar;

/**
 * Correlation key of an open bar: {@code SYMBOL|intervalMillis|openTime}. Symbols cannot contain '|' (the validator
 * refuses them), and the numbers are parsed from the right.
 */
public record BarKey(String symbol, long intervalMillis, long openTime) implements Comparable<BarKey> {

    public static String of(String symbol, Interval interval, long openTime) {
        return symbol + '|' + interval.millis() + '|' + openTime;
    }

    public static BarKey parse(String key) {
        int second = key.lastIndexOf('|');
        int first = key.lastIndexOf('|', second - 1);
        return new BarKey(key.substring(0, first), Long.parseLong(key.substring(first + 1, second)),
                Long.parseLong(key.substring(second + 1)));
    }

    public String text() {
        return symbol + '|' + intervalMillis + '|' + openTime;
    }

    public long closesAt(long graceMillis) {
        return openTime + intervalMillis + graceMillis;
    }

    /** Emission order within one sweep: by time, then symbol, so runs are reproducible. */
    @Override
    public int compareTo(BarKey o) {
        int c = Long.compare(openTime, o.openTime);
        if (c == 0) {
            c = Long.compare(intervalMillis, o.intervalMillis);
        }
        return c != 0 ? c : symbol.compareTo(o.symbol);
    }
}
