package io.caravan.feed.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinanceRestUrlTest {

    @Test
    void theRestHostGoesWithTheWebSocketHost() {
        assertEquals("https://api.binance.com", BinanceTradeSource.restBase("wss://stream.binance.com:9443"));
        assertEquals("https://data-api.binance.vision", BinanceTradeSource.restBase("wss://data-stream.binance.vision"));
        assertEquals("http://127.0.0.1:8765", BinanceTradeSource.restBase("ws://127.0.0.1:8765"));
    }
}
