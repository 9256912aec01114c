package io.caravan.feed;

import java.util.List;

/**
 * The klines one request returned (empty when the provider had none, or the request failed), with when they were
 * fetched: the newest kline of a batch may still be forming, and a later batch replaces it.
 *
 * @param fetchedAt epoch ms
 */
public record KlineBatch(KlineRequest request, List<Kline> klines, long fetchedAt) {

    public static KlineBatch empty(KlineRequest request) {
        return new KlineBatch(request, List.of(), System.currentTimeMillis());
    }
}
