package io.caravan.feed.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BinanceStreamsTest {

    @Test
    void symbolsBecomeLowerCaseTradeStreamsOnOneConnection() {
        assertEquals(List.of("btcusdt@trade/ethusdt@trade"),
                BinanceStreams.perConnection(List.of("BTCUSDT", "BINANCE:ethusdt", "btcusdt"), 1024));
    }

    @Test
    void moreThanTheLimitAreSplitOverConnections() {
        List<String> symbols = IntStream.range(0, 2050).mapToObj(i -> "S" + i + "USDT").toList();
        List<String> connections = BinanceStreams.perConnection(symbols, BinanceStreams.MAX_STREAMS_PER_CONNECTION);
        assertEquals(3, connections.size());
        assertEquals(1024, connections.get(0).split("/").length);
        assertEquals(1024, connections.get(1).split("/").length);
        assertEquals(List.of("s2048usdt@trade", "s2049usdt@trade"), List.of(connections.get(2).split("/")));
        assertEquals("s1024usdt@trade", connections.get(1).split("/")[0]);
    }

    @Test
    void refusesWhatBinanceCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.perConnection(List.of(), 1024));
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.perConnection(List.of("BTC/USDT"), 1024));
        assertThrows(IllegalArgumentException.class, () -> BinanceStreams.perConnection(List.of("BTC USDT"), 1024));
    }

    @Test
    void klineStreamsGoNextToTheirTradeStreamsAndCountTowardsTheLimit() {
        assertEquals(List.of("btcusdt@trade/btcusdt@kline_1m/ethusdt@trade/ethusdt@kline_1m"),
                BinanceStreams.perConnection(List.of("BTCUSDT", "ETHUSDT", "btcusdt"), 1024, true));
        List<String> symbols = IntStream.range(0, 600).mapToObj(i -> "S" + i + "USDT").toList();
        List<String> connections = BinanceStreams.perConnection(symbols, 1024, true);
        assertEquals(2, connections.size(), "1,200 streams");
        assertEquals(1024, connections.get(0).split("/").length);
        assertEquals(176, connections.get(1).split("/").length);
    }
}
