package io.caravan.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.alert.PriceAlert;

/**
 * What one page has not been sent yet, coalesced: the latest quote per symbol, the latest state of each bar
 * (symbol, interval, open time; a closed bar is never replaced by an older in-progress one) and the latest alert
 * per symbol. Its size is bounded by the symbols and bars that change, however many frames it absorbs. Used by the
 * push thread only.
 */
final class LiveBacklog {

    private final Map<String, QuoteView> quotes = new LinkedHashMap<>();
    private final Map<String, LiveBar> bars = new LinkedHashMap<>();
    private final Map<String, PriceAlert> alerts = new LinkedHashMap<>();
    /** for the gauge, read by another thread */
    private volatile int size;

    void add(LiveFrame frame) {
        for (QuoteView quote : frame.quotes()) {
            quotes.merge(quote.symbol(), quote, (held, next) -> next.version() >= held.version() ? next : held);
        }
        for (LiveBar bar : frame.bars()) {
            bars.merge(bar.symbol() + '\0' + bar.interval() + '\0' + bar.bar().time(), bar,
                    (held, next) -> held.bar().closed() && !next.bar().closed() ? held : next);
        }
        for (PriceAlert alert : frame.alerts()) {
            alerts.remove(alert.symbol());
            alerts.put(alert.symbol(), alert);
        }
        size = quotes.size() + bars.size() + alerts.size();
    }

    boolean isEmpty() {
        return quotes.isEmpty() && bars.isEmpty() && alerts.isEmpty();
    }

    /** Quotes, bars and alerts held. */
    int size() {
        return size;
    }

    /** Everything held, as one frame; the backlog is empty afterwards. */
    LiveFrame drain(long sentAt) {
        LiveFrame frame = new LiveFrame("frame", sentAt, new ArrayList<>(quotes.values()),
                new ArrayList<>(bars.values()), new ArrayList<>(alerts.values()));
        quotes.clear();
        bars.clear();
        alerts.clear();
        size = 0;
        return frame;
    }
}
