package io.caravan.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class HttpStatusExceptionTest {

    private static final String URL = "https://quote.alltick.co/quote-stock-b-api/kline?token=SECRET-TOKEN&query=%7B%7D";

    @Test
    void neitherTheMessageNorTheStackTraceCarriesTheQuery() {
        HttpStatusException e = new HttpStatusException(URL, 503, Map.of());
        assertEquals("HTTP 503 from https://quote.alltick.co/quote-stock-b-api/kline", e.getMessage());
        assertNull(e.getCause(), "camel-http's exception, whose message is the whole URL, is not kept");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("SECRET"), trace.toString());
        assertFalse(e.toString().contains("SECRET"));
        assertEquals(503, e.status());
    }

    @Test
    void userInfoIsDroppedTooAndAPortKept() {
        assertEquals("http://127.0.0.1:8765/api/v1/stock/tick",
                HttpStatusException.withoutQuery("http://user:pw@127.0.0.1:8765/api/v1/stock/tick?token=x"));
    }

    @Test
    void theWaitAskedForIsKept() {
        assertEquals(OptionalLong.of(2000), new HttpStatusException(URL, 429, Map.of("Retry-After", "2"))
                .retryAfterMillis());
        assertEquals(OptionalLong.empty(), new HttpStatusException(URL, 503, null).retryAfterMillis());
    }
}
