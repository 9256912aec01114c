package io.caravan.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RestBaseTest {

    @Test
    void theRestHostGoesWithTheWebSocketHost() {
        assertEquals("https://api.binance.com", RestBase.of("wss://stream.binance.com:9443"));
        assertEquals("https://data-api.binance.vision", RestBase.of("wss://data-stream.binance.vision"));
        assertEquals("https://finnhub.io", RestBase.of("wss://ws.finnhub.io"));
        assertEquals("https://quote.alltick.co", RestBase.of("wss://quote.alltick.co/quote-stock-b-ws-api"));
    }

    @Test
    void theSimulatorServesBothOnOnePort() {
        assertEquals("http://127.0.0.1:8765", RestBase.of("ws://127.0.0.1:8765"));
        assertEquals("http://127.0.0.1:8765", RestBase.of("ws://127.0.0.1:8765/quote-b-ws-api"));
    }

    @Test
    void aPathJoinsWithOrWithoutATrailingSlash() {
        assertEquals("http://h:1/api/v1/stock/candle", RestBase.join("http://h:1/", "/api/v1/stock/candle"));
        assertEquals("http://h:1/api/v1/stock/candle", RestBase.join("http://h:1", "/api/v1/stock/candle"));
    }
}
