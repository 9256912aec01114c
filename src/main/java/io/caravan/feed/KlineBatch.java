package io.caravan.feed;

import java.util.List;

/**
 * The klines one request returned (empty when the provider had none, or the request failed), with when they were
 * fetched: the newest kline of a batch may still be forming, and a later batch replaces it.
 *
 * @param fetchedAt epoch ms
 * @param source    {@link #REST} (asked for) or {@link #STREAM} (pushed on a WebSocket: Binance's {@code @kline_1m})
 */
public record KlineBatch(KlineRequest request, List<Kline> klines, long fetchedAt, String source) {

    public static final String REST = "rest";
    public static final String STREAM = "stream";

    /** Klines asked for over REST. */
    public KlineBatch(KlineRequest request, List<Kline> klines, long fetchedAt) {
        this(request, klines, fetchedAt, REST);
    }

    public static KlineBatch empty(KlineRequest request) {
        return new KlineBatch(request, List.of(), System.currentTimeMillis());
    }
}
