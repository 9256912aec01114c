package io.caravan.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A high trade rate stays near the rate asked for and moves the price about as much per second as the default rate
 * (before, at 100/s bursts piled up to about 4 times the rate and prices swung 2 % within a minute).
 */
class SyntheticRateTest {

    @Test
    void oneHundredTradesPerSecondIsRoughlyOneHundred() {
        long start = 1_700_000_000_000L;
        SyntheticTradeSource source = new SyntheticTradeSource(List.of("AAPL", "MSFT", "KO", "XOM"), 100,
                Optional.of(42L), start);
        int seconds = 600;
        List<SimTrade> trades = source.generateUntil(start + seconds * 1000L);
        double perSymbolPerSecond = trades.size() / 4.0 / seconds;
        assertTrue(perSymbolPerSecond > 90 && perSymbolPerSecond < 200, "rate " + perSymbolPerSecond);

        // the largest fall below the running one-minute high, per symbol: a random walk calm enough for a 2 % alert
        for (String symbol : List.of("AAPL", "MSFT", "KO", "XOM")) {
            List<SimTrade> own = trades.stream().filter(t -> t.symbol().equals(symbol)).toList();
            double worst = 0;
            int from = 0;
            java.util.ArrayDeque<double[]> highs = new java.util.ArrayDeque<>();
            for (SimTrade t : own) {
                double price = Double.parseDouble(t.price());
                while (!highs.isEmpty() && highs.peekLast()[1] <= price) {
                    highs.pollLast();
                }
                highs.addLast(new double[] { t.timestamp(), price });
                while (highs.peekFirst()[0] < t.timestamp() - 60_000) {
                    highs.pollFirst();
                }
                worst = Math.max(worst, (highs.peekFirst()[1] - price) / highs.peekFirst()[1] * 100);
                from++;
            }
            assertTrue(worst < 2, symbol + " fell " + worst + " % within a minute over " + from + " trades");
        }
    }
}
