package io.caravan.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Retry-After as seconds or as an HTTP date; anything else is no instruction at all. */
class RetryAfterTest {

    @Test
    void secondsAndDates() {
        long now = Instant.parse("2026-11-22T07:28:00Z").toEpochMilli();
        assertEquals(OptionalLong.of(120_000), RetryAfter.millis("120", now));
        assertEquals(OptionalLong.of(30_000), RetryAfter.millis("Sun, 22 Nov 2026 07:28:30 GMT", now));
        assertEquals(OptionalLong.of(0), RetryAfter.millis("Sun, 22 Nov 2026 07:27:00 GMT", now));
        assertEquals(OptionalLong.empty(), RetryAfter.millis("soon", now));
        assertEquals(OptionalLong.empty(), RetryAfter.millis("-5", now));
        assertEquals(OptionalLong.empty(), RetryAfter.millis(null, now));
    }

    @Test
    void theHeaderIsFoundWhateverItsCase() {
        assertEquals("7", RetryAfter.header(Map.of("retry-after", "7", "Content-Type", "application/json")));
        assertEquals(null, RetryAfter.header(Map.of("Content-Type", "application/json")));
    }
}
