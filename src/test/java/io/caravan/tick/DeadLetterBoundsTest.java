package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A dead-letter record keeps the reason, the original length and a prefix of a huge input, never all of it. */
class DeadLetterBoundsTest {

    /** What one record may keep of any field. */
    static final int FEW_KB = 8_192;

    private final DeadLetters deadLetters = DeadLetters.apartFromTrades();

    private static Exchange refused(Exception e, String raw, Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        exchange.setProperty(TickRoutes.RAW_PROPERTY, raw);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void aHugeRawTextIsCutToAPrefixWithItsLength() {
        String raw = "{\"p\":\"" + "7".repeat(1_000_000) + "\"}";
        Map<String, Object> record = deadLetters.record(refused(
                new TickRejectedException(RejectReason.NOT_A_NUMBER, "price " + raw, raw), null, null));
        assertEquals("not a number", record.get("reason"));
        String kept = (String) record.get("raw");
        assertTrue(kept.length() >= 1_000 && kept.length() <= FEW_KB, "a prefix of a few KB, not " + kept.length());
        assertTrue(raw.startsWith(kept));
        assertEquals(raw.length(), record.get("rawLength"));
        assertTrue(((String) record.get("detail")).length() <= FEW_KB, "detail is bounded");
    }

    @Test
    void anUnexpectedExceptionsHugeMessageIsBounded() {
        String message = "x".repeat(5_000_000);
        Map<String, Object> record = deadLetters.record(refused(new IllegalStateException(message), null,
                Collections.nCopies(1_000, "a line of a chunk")));
        assertEquals("error", record.get("reason"));
        String detail = (String) record.get("detail");
        assertTrue(detail.startsWith("IllegalStateException: xxx"), detail.substring(0, 40));
        assertTrue(detail.length() <= FEW_KB, "detail of " + detail.length() + " characters");
        assertTrue(((String) record.get("raw")).length() <= FEW_KB);
    }

    @Test
    void aShortRecordIsKeptWholeWithoutALength() {
        Map<String, Object> record = deadLetters.record(refused(
                new TickRejectedException(RejectReason.BAD_SYMBOL, "control, blank or '|' character", "A|B"), "line A|B", null));
        assertEquals("line A|B", record.get("raw"));
        assertEquals("bad symbol: control, blank or '|' character", record.get("detail"));
        assertNull(record.get("rawLength"));
    }
}
