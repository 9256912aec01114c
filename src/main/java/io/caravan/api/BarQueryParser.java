package io.caravan.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.Interval;

/** Turns the query parameters of {@code GET /api/bars/{symbol}} into a {@link BarQuery}, or refuses them. */
@ApplicationScoped
public class BarQueryParser {

    private final List<Interval> intervals;
    private final int defaultLimit;
    private final int maxLimit;

    public BarQueryParser(BarIntervals barIntervals, CaravanConfig config) {
        List<Interval> all = new ArrayList<>();
        all.add(barIntervals.base());
        all.addAll(barIntervals.rollups());
        this.intervals = List.copyOf(all);
        this.defaultLimit = config.api().defaultLimit();
        this.maxLimit = config.api().maxLimit();
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public BarQuery parse(String interval, String from, String to, String limit) {
        Interval i = interval(interval);
        long f = isBlank(from) ? Long.MIN_VALUE : time("from", from);
        long t = isBlank(to) ? Long.MAX_VALUE : time("to", to);
        if (f >= t) {
            throw new BadQueryException("bad time range: from (" + Instant.ofEpochMilli(f) + ") must be before to ("
                    + Instant.ofEpochMilli(t) + ")");
        }
        return new BarQuery(i, f, t, limit(limit));
    }

    private Interval interval(String text) {
        if (isBlank(text)) {
            return intervals.get(0);
        }
        String configured = intervals.stream().map(Interval::label).collect(Collectors.joining(", "));
        return intervals.stream().filter(i -> i.label().equals(text.trim())).findFirst()
                .orElseThrow(() -> new BadQueryException("unknown interval '" + text + "': the configured intervals are "
                        + configured));
    }

    private int limit(String text) {
        if (isBlank(text)) {
            return defaultLimit;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadQueryException("limit '" + text + "' is not a whole number");
        }
        if (value < 1) {
            throw new BadQueryException("limit must be at least 1, not " + value);
        }
        if (value > maxLimit) {
            throw new BadQueryException("limit " + value + " is above the maximum of " + maxLimit
                    + " (caravan.api.max-limit); page with from and to");
        }
        return value;
    }

    /** Epoch milliseconds or ISO-8601 with an offset, as the replay feed accepts. */
    static long time(String name, String text) {
        String t = text.trim();
        try {
            if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
                return Long.parseLong(t);
            }
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new BadQueryException(name + " '" + text + "' is neither epoch milliseconds nor an ISO-8601 time "
                    + "such as 2024-08-08T23:55:00Z");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
