package io.caravan.feed;

import java.util.List;

import io.caravan.bar.Interval;

/**
 * Knows one provider's REST kline answer: takes a response body apart into {@link Kline}s, oldest first. An empty
 * answer ("no data") is an empty list; a body that is not a valid answer, or a provider's error, throws
 * {@link io.caravan.tick.TickRejectedException} with the reason, for the dead letter.
 */
public interface KlineCodec {

    /**
     * @param symbol   the symbol asked for (some providers' answers do not name it)
     * @param interval the interval asked for; every kline must start on one of its boundaries
     */
    List<Kline> decode(String symbol, Interval interval, String body);
}
