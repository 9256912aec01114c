package io.caravan.snapshot;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalLong;

/** HTTP's {@code Retry-After}: seconds ({@code 120}) or a date ({@code Wed, 21 Oct 2026 07:28:00 GMT}). */
final class RetryAfter {

    static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    /** The wait it asks for in ms from {@code now}, never negative; empty when absent or unreadable. */
    static OptionalLong millis(String value, long now) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? OptionalLong.empty() : OptionalLong.of(Math.multiplyExact(seconds, 1000L));
        } catch (NumberFormatException | ArithmeticException e) {
            // not seconds: perhaps a date
        }
        try {
            long at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return OptionalLong.of(Math.max(0, at - now));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** The header's value in a response's headers, whatever case the server wrote its name in. */
    static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> HEADER.equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
