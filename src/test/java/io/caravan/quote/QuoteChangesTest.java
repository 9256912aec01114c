package io.caravan.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

class QuoteChangesTest {

    private static Tick tick(String symbol, long ts, String price) {
        return new Tick("sim", symbol, ts, new BigDecimal(price), BigDecimal.ONE, null, ts);
    }

    @Test
    void manyTicksOfOneSymbolAreOneEntryWithTheLatestQuote() {
        QuoteBook book = new QuoteBook();
        QuoteChanges changes = book.changes();
        for (int i = 1; i <= 10; i++) {
            book.update(tick("AAPL", 1_000L * i, "10" + i));
        }
        List<Quote> drained = changes.drain(100);
        assertEquals(1, drained.size());
        assertEquals(new BigDecimal("1010"), drained.get(0).price());
        assertTrue(changes.isEmpty());
    }

    @Test
    void eachWriterDrainsIndependentlyAndRetriesPutQuotesBack() {
        QuoteBook book = new QuoteBook();
        QuoteChanges redis = book.changes();
        QuoteChanges page = book.changes();
        book.update(tick("AAPL", 1, "1"));
        book.update(tick("MSFT", 1, "2"));
        List<Quote> failed = redis.drain(100);
        assertEquals(2, failed.size());
        assertEquals(2, page.drain(100).size(), "a drain by one writer leaves the other's changes");
        redis.retry(failed);
        book.update(tick("AAPL", 2, "3"));
        List<Quote> again = redis.drain(100);
        assertEquals(2, again.size());
        assertEquals(new BigDecimal("3"), again.stream().filter(q -> q.symbol().equals("AAPL")).findFirst()
                .orElseThrow().price(), "a retried symbol is sent with its latest state");
    }

    @Test
    void drainTakesAtMostMaxAndKeepsTheRest() {
        QuoteBook book = new QuoteBook();
        QuoteChanges changes = book.changes();
        for (int i = 0; i < 5; i++) {
            book.update(tick("S" + i, 1, "1"));
        }
        assertEquals(3, changes.drain(3).size());
        assertEquals(2, changes.drain(3).size());
    }

    @Test
    void aNewWriterStartsWithEverySymbolKnown() {
        QuoteBook book = new QuoteBook();
        book.update(tick("AAPL", 1, "1"));
        assertEquals(1, book.changes().drain(10).size());
    }
}
