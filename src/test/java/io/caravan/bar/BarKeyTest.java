package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarKeyTest {

    private static final Interval M1 = Interval.parse("1m");
    private static final Interval M5 = Interval.parse("5m");

    @ParameterizedTest
    @ValueSource(strings = { "AAPL", "BINANCE:BTCUSDT", "OANDA:EUR_USD", "BTC/USDT", "700.HK", "BRK.B", "a:b/c.d",
            "12:34", "-1", "0", "東京:7203", "ÄÖÜ€", "\uD83D\uDE80MOON", "" })
    void parseRoundTripsOf(String symbol) {
        for (long openTime : new long[] { 1_723_161_300_000L, 0, -60_000, Long.MAX_VALUE, Long.MIN_VALUE }) {
            String text = BarKey.of(symbol, M5, openTime);
            BarKey key = BarKey.parse(text);
            assertEquals(new BarKey(symbol, 300_000, openTime), key);
            assertEquals(text, key.text());
        }
    }

    @Test
    void textFormat() {
        assertEquals("BINANCE:BTCUSDT|60000|1723161300000", BarKey.of("BINANCE:BTCUSDT", M1, 1_723_161_300_000L));
    }

    @Test
    void closesAtIsOpenPlusIntervalPlusGrace() {
        assertEquals(1_000 + 60_000 + 2_000, new BarKey("X", 60_000, 1_000).closesAt(2_000));
    }

    @Test
    void ordersByOpenTimeThenIntervalThenSymbol() {
        BarKey a = new BarKey("ZZZ", 60_000, 0);
        BarKey b = new BarKey("AAA", 300_000, 0);
        BarKey c = new BarKey("BBB", 300_000, 0);
        BarKey d = new BarKey("AAA", 60_000, 60_000);
        BarKey e = new BarKey("AAA", 60_000, 120_000);
        List<BarKey> expected = List.of(new BarKey("A", 60_000, -60_000), a, b, c, d, e);
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            List<BarKey> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            Collections.sort(shuffled);
            assertEquals(expected, shuffled);
        }
        assertTrue(a.compareTo(b) < 0, "shorter interval first at equal open time, whatever the symbol");
        assertTrue(b.compareTo(c) < 0);
        assertEquals(0, b.compareTo(new BarKey("AAA", 300_000, 0)));
    }
}
