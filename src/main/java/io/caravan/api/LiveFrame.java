package io.caravan.api;

import java.util.List;

import io.caravan.alert.PriceAlert;

/**
 * One push to the page: everything that changed since the previous one, coalesced (one quote and one bar in
 * progress per symbol and interval, whatever the number of ticks).
 *
 * @param sentAt server time when the frame was built, epoch milliseconds; the page measures its update lag from it
 */
public record LiveFrame(String type, long sentAt, List<QuoteView> quotes, List<LiveBar> bars, List<PriceAlert> alerts) {

    public boolean isEmpty() {
        return quotes.isEmpty() && bars.isEmpty() && alerts.isEmpty();
    }
}
