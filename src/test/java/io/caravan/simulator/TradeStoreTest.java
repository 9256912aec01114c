package io.caravan.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TradeStoreTest {

    @Test
    void keepsTheWindowOfEachSymbolsNewestTrade() {
        TradeStore store = new TradeStore(new TradeHistoryLimits(Duration.ofSeconds(10), 1_000_000));
        for (long i = 0; i < 100_000; i++) {
            store.record(new NumberedTrade(new SimTrade("AAPL", i * 10, "230.10", "100"), i + 1));
        }
        // the newest is at 999,990: trades from 989,990 on are served, whole older chunks are gone
        assertEquals(1_001, store.count("AAPL", 0, Long.MAX_VALUE));
        assertTrue(store.retained() < 1_001 + 4096, "retained " + store.retained());
        List<NumberedTrade> first = store.trades("AAPL", 0, Long.MAX_VALUE, 0, 0, 1);
        assertEquals(new NumberedTrade(new SimTrade("AAPL", 989_990, "230.10", "100"), 99_000), first.get(0));
    }

    @Test
    void keepsAtMostTheCountOverAllSymbolsDroppingTheOldest() {
        TradeStore store = new TradeStore(new TradeHistoryLimits(Duration.ofDays(1), 10_000));
        for (long i = 0; i < 1_000_000; i++) {
            String symbol = i % 3 == 0 ? "A" : "B";
            store.record(new NumberedTrade(new SimTrade(symbol, 1_000_000 + i, "1.5", "2"), i));
        }
        assertTrue(store.retained() <= 10_000, "retained " + store.retained());
        assertTrue(store.retained() > 9_000, "retained " + store.retained());
        long served = store.count("A", 0, Long.MAX_VALUE) + store.count("B", 0, Long.MAX_VALUE);
        assertEquals(store.retained(), served);
        // both symbols keep their newest trades
        assertEquals(999_999, store.trades("A", 0, Long.MAX_VALUE, 0, store.count("A", 0, Long.MAX_VALUE) - 1, 1)
                .get(0).id());
        assertEquals(999_998, store.trades("B", 0, Long.MAX_VALUE, 0, store.count("B", 0, Long.MAX_VALUE) - 1, 1)
                .get(0).id());
    }

    @Test
    void givesPricesAndSizesBackDigitForDigit() {
        TradeStore store = new TradeStore(TradeHistoryLimits.DEFAULT);
        List<String> texts = List.of("61837.63000000", "0.00012", "1E+5", "100", "123456789012345678901234.5",
                "0.000000000000000000001");
        for (int i = 0; i < texts.size(); i++) {
            store.record(new NumberedTrade(new SimTrade("X", i, texts.get(i), texts.get(texts.size() - 1 - i)), i));
        }
        List<NumberedTrade> back = store.trades("X", 0, Long.MAX_VALUE, 0, 0, 100);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), back.get(i).trade().price());
            assertEquals(texts.get(texts.size() - 1 - i), back.get(i).trade().size());
        }
        assertEquals(List.of(3L, 4L), store.trades("X", 0, Long.MAX_VALUE, 3, 0, 2).stream()
                .map(NumberedTrade::id).toList());
        assertEquals(List.of(4L), store.trades("X", 2, 5, 0, 2, 5).stream().map(NumberedTrade::id).toList());
    }
}
