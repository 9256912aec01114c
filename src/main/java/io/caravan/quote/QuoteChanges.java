package io.caravan.quote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbols whose quote changed since a writer last drained, coalesced: ten ticks of one symbol between two drains
 * are one entry, and the drain reads that symbol's latest quote, never an older one.
 */
public final class QuoteChanges {

    private final QuoteBook book;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    QuoteChanges(QuoteBook book) {
        this.book = book;
    }

    void mark(String symbol) {
        dirty.add(symbol);
    }

    /** The latest quote of every symbol changed since the last drain, at most {@code max} of them. */
    public List<Quote> drain(int max) {
        List<Quote> quotes = new ArrayList<>();
        for (String symbol : dirty) {
            if (quotes.size() >= max) {
                break;
            }
            // remove before reading: a change racing with this read marks the symbol again
            if (dirty.remove(symbol)) {
                book.quote(symbol).ifPresent(quotes::add);
            }
        }
        return quotes;
    }

    /** Puts quotes a writer could not deliver back, so the next drain delivers their latest state. */
    public void retry(Collection<Quote> quotes) {
        quotes.stream().map(Quote::symbol).forEach(dirty::add);
    }

    public boolean isEmpty() {
        return dirty.isEmpty();
    }
}
