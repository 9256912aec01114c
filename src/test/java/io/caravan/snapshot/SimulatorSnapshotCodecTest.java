package io.caravan.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/** The simulator's snapshot answer: good entries kept digit for digit, bad ones refused one by one with a reason. */
class SimulatorSnapshotCodecTest {

    private final SimulatorSnapshotCodec codec = new SimulatorSnapshotCodec();
    private final long now = System.currentTimeMillis();

    private String entry(String symbol, String last) {
        return "{\"symbol\":\"" + symbol + "\",\"c\":" + last + ",\"pc\":230.00,\"o\":230.10,\"h\":232.40,"
                + "\"l\":229.90,\"v\":12300,\"t\":" + now + "}";
    }

    @Test
    void quotesKeepTheirDecimalsAndGiveTheLiveQuoteFields() {
        SnapshotAnswer answer = codec.decode("{\"s\":\"ok\",\"t\":" + now + ",\"quotes\":[" + entry("AAPL", "231.060")
                + ",{\"symbol\":\"MSFT\",\"c\":\"420.5\",\"pc\":null,\"o\":420,\"h\":421,\"l\":419,\"v\":0,\"t\":" + now
                + "}]}");
        assertEquals(List.of(), answer.rejects());
        SnapshotQuote aapl = answer.quotes().get(0);
        assertEquals("231.060", aapl.last().toPlainString());
        Map<String, Object> fields = aapl.fields(now);
        assertEquals("231.060", fields.get("price"));
        assertEquals("230.00", fields.get("prev_close"));
        assertEquals("1.060", fields.get("change"));
        assertEquals("0.4609", fields.get("change_pct"));
        assertEquals("12300", fields.get("day_volume"));
        assertEquals("snapshot", fields.get("source"));
        assertEquals("simulator", fields.get("feed"));
        assertTrue(!fields.containsKey("size"), "a snapshot has no last size: " + fields);
        SnapshotQuote msft = answer.quotes().get(1);
        assertNull(msft.previousClose());
        assertEquals(new BigDecimal("420.5"), msft.last());
        assertTrue(!msft.fields(now).containsKey("prev_close"));
    }

    @Test
    void aBadEntryIsRefusedAloneWithItsReason() {
        SnapshotAnswer answer = codec.decode("{\"s\":\"ok\",\"quotes\":[" + entry("AAPL", "\"abc\"") + ","
                + entry("MSFT", "231.5") + ",{\"c\":1,\"o\":1,\"h\":1,\"l\":1,\"v\":1,\"t\":" + now + "},"
                + entry("TSLA", "-1") + "," + entry("AMZN", "999") + "]}");
        assertEquals(List.of("MSFT"), answer.quotes().stream().map(SnapshotQuote::symbol).toList());
        assertEquals(List.of(RejectReason.NOT_A_NUMBER, RejectReason.MISSING_FIELD, RejectReason.NON_POSITIVE_PRICE,
                RejectReason.MALFORMED), answer.rejects().stream().map(TickRejectedException::reason).toList());
        assertTrue(answer.rejects().get(0).raw().contains("\"symbol\":\"AAPL\""), answer.rejects().get(0).raw());
    }

    @Test
    void anAnswerThatIsNoSnapshotIsRefusedWhole() {
        assertEquals(RejectReason.MALFORMED, reason("{\"s\":\"ok\",\"quotes\":[{\"symbol\":"));
        assertEquals(RejectReason.PROVIDER_ERROR, reason("{\"error\":\"API limit reached\"}"));
        assertEquals(RejectReason.MISSING_FIELD, reason("{\"s\":\"ok\"}"));
        assertEquals(RejectReason.MALFORMED, reason("{\"s\":\"no_data\",\"quotes\":[]}"));
    }

    private RejectReason reason(String body) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(body));
        assertEquals(body, e.raw());
        return e.reason();
    }
}
