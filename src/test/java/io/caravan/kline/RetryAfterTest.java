package io.caravan.kline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsOrAnHttpDateInAnyHeaderCase() {
        assertEquals(3000L, KlineFailures.retryAfter(Map.of("Retry-After", "3")));
        assertEquals(0L, KlineFailures.retryAfter(Map.of("retry-after", "-5")));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        long wait = KlineFailures.retryAfter(Map.of("RETRY-AFTER", inTenSeconds));
        assertTrue(wait > 8000 && wait <= 10000, String.valueOf(wait));
        assertNull(KlineFailures.retryAfter(Map.of("Retry-After", "soon")));
        assertNull(KlineFailures.retryAfter(Map.of()));
        assertNull(KlineFailures.retryAfter(null));
    }
}
