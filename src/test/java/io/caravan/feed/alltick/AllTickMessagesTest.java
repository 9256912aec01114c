package io.caravan.feed.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the AllTick route sends: one 22004 per endpoint with all of its codes, and heartbeats. */
class AllTickMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AllTickMessages messages = new AllTickMessages(
            List.of("AAPL.US", "BTCUSDT", "700.HK", "EURUSD", "600519.SH", "000858.SZ"));

    @Test
    void codesGoToTheirEndpointByForm() {
        assertEquals(List.of("AAPL.US", "700.HK", "600519.SH", "000858.SZ"), messages.codes("stock"));
        assertEquals(List.of("BTCUSDT", "EURUSD"), messages.codes("crypto"));
    }

    @Test
    void oneSubscriptionCarriesTheEndpointsWholeList() throws Exception {
        JsonNode stock = JSON.readTree(messages.subscribe("stock"));
        assertEquals(22004, stock.get("cmd_id").asInt());
        assertEquals("[{\"code\":\"AAPL.US\"},{\"code\":\"700.HK\"},{\"code\":\"600519.SH\"},{\"code\":\"000858.SZ\"}]",
                stock.get("data").get("symbol_list").toString());
        assertEquals(2, JSON.readTree(messages.subscribe("crypto")).get("data").get("symbol_list").size());
    }

    @Test
    void heartbeatsAreNumberedAndTraced() throws Exception {
        JsonNode first = JSON.readTree(messages.heartbeat("stock"));
        JsonNode second = JSON.readTree(messages.heartbeat("stock"));
        assertEquals(22000, first.get("cmd_id").asInt());
        assertEquals("{}", first.get("data").toString());
        assertNotEquals(first.get("seq_id").asLong(), second.get("seq_id").asLong());
        assertNotEquals(first.get("trace").asText(), second.get("trace").asText());
    }
}
