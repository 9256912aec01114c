package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

class BarBookTest {

    static final Interval M1 = Interval.parse("1m");
    static final Interval M5 = Interval.parse("5m");
    static final long T0 = 1_704_189_600_000L; // 2024-01-02T10:00:00Z

    static Tick tick(String symbol, long ts, String price, String size, long seq) {
        return new Tick("replay", symbol, ts, new BigDecimal(price), new BigDecimal(size), null, seq);
    }

    static List<Bar> bars(BarBook book) {
        return book.close().stream().map(BarBook.Closed::bar).toList();
    }

    @Test
    void everySymbolOfTheBucketGetsTheBarItsTradesAloneGive() {
        List<Tick> ticks = List.of(tick("MSFT", T0 + 5, "10", "1", 1), tick("AAPL", T0 + 7, "20", "2", 2),
                tick("MSFT", T0 + 9, "12", "3", 3), tick("IBM", T0 + 59_999, "30", "0", 4),
                tick("AAPL", T0 + 8, "19.5", "1", 5));
        BarBook book = new BarBook(M1, T0);
        ticks.forEach(t -> book.add(t, false));

        assertEquals(3, book.size());
        List<Bar> expected = new ArrayList<>();
        for (String symbol : List.of("AAPL", "IBM", "MSFT")) {
            BarBuilder alone = new BarBuilder(symbol, M1, T0);
            ticks.stream().filter(t -> t.symbol().equals(symbol)).forEach(alone::add);
            expected.add(alone.build());
        }
        assertEquals(expected, bars(book), "one bar per symbol, in symbol order");
        assertEquals(new BigDecimal("19.5"), expected.get(0).close(), "AAPL's last trade by time, not by arrival");
    }

    @Test
    void aTradeOfAnotherBucketIsRefused() {
        BarBook book = new BarBook(M1, T0);
        assertThrows(IllegalArgumentException.class, () -> book.add(tick("MSFT", T0 + 60_000, "1", "1", 1), false));
        assertThrows(IllegalArgumentException.class, () -> new BarBook(M1, T0 + 1));
    }

    @Test
    void aFetchedTradeMarksOnlyItsOwnSymbolsBarBackfilled() {
        BarBook book = new BarBook(M1, T0);
        book.add(tick("MSFT", T0 + 1, "10", "1", 1), false);
        book.add(tick("AAPL", T0 + 2, "20", "1", 2), false);
        book.add(tick("MSFT", T0 + 3, "11", "1", 3), true);
        List<Bar> bars = bars(book);
        assertEquals(BarQuality.LIVE, bars.get(0).quality(), bars.get(0).toString());
        assertEquals(BarQuality.BACKFILLED, bars.get(1).quality(), bars.get(1).toString());
    }

    @Test
    void closedBaseBarsRollUpPerSymbolAsTheirTradesWould() {
        BarBook fiveMinutes = new BarBook(M5, T0);
        BarBuilder direct = new BarBuilder("MSFT", M5, T0);
        for (int minute = 0; minute < 5; minute++) {
            BarBook base = new BarBook(M1, T0 + minute * 60_000L);
            for (int i = 0; i < 3; i++) {
                Tick t = tick("MSFT", T0 + minute * 60_000L + i * 1_000, (100 + minute * 3 - i) + ".25", "" + (i + 1), i);
                base.add(t, false);
                direct.add(t);
            }
            base.add(tick("AAPL", T0 + minute * 60_000L, "7", "1", 9), false);
            bars(base).forEach(fiveMinutes::addPart);
        }
        List<Bar> rolled = bars(fiveMinutes);
        assertEquals(List.of("AAPL", "MSFT"), rolled.stream().map(Bar::symbol).toList());
        assertEquals(direct.build(), rolled.get(1));
        assertEquals(5L, rolled.get(0).trades());
    }

    @Test
    void aClosedBookShowsNoBarInProgress() {
        BarBook book = new BarBook(M1, T0);
        book.add(tick("MSFT", T0 + 1, "10", "1", 1), false);
        assertTrue(book.bar("MSFT").isPresent());
        assertTrue(book.bar("AAPL").isEmpty());
        book.close();
        assertTrue(book.bar("MSFT").isEmpty(), "its bar is among the closed ones now");
        assertEquals(List.of(), book.symbols());
    }

    @Test
    void anyOrderAndAnySplitOfTheTradesGiveTheSameBars() {
        Random random = new Random(7);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ticks.add(tick("S" + random.nextInt(20), T0 + random.nextInt(60_000), random.nextInt(1_000) + "."
                    + random.nextInt(100), "" + random.nextInt(50), i));
        }
        BarBook ordered = new BarBook(M1, T0);
        ticks.forEach(t -> ordered.add(t, false));
        List<Bar> expected = bars(ordered);
        for (int round = 0; round < 20; round++) {
            List<Tick> shuffled = new ArrayList<>(ticks);
            Collections.shuffle(shuffled, random);
            // split into batches as frames would be, each batch into a book's group in turn
            BarBook book = new BarBook(M1, T0);
            int from = 0;
            while (from < shuffled.size()) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(50));
                shuffled.subList(from, to).forEach(t -> book.add(t, false));
                from = to;
            }
            assertEquals(expected, bars(book), "round " + round);
        }
    }
}
