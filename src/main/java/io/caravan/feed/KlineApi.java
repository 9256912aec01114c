package io.caravan.feed;

import java.util.Map;

import io.caravan.bar.Interval;

/**
 * One provider's REST kline API: how to ask for a symbol's klines over a time window, and the {@link KlineCodec} that
 * reads the answer. Adding a provider's klines = one such bean (named by {@link #provider()}) next to its codec.
 */
public interface KlineApi {

    /** The name used in {@code caravan.klines.provider} and in the stored exchange bars. */
    String provider();

    KlineCodec codec();

    /**
     * The request for the klines that open in {@code [fromMillis, toMillis]}. A token goes into a header, never into
     * the path or query: those end up in logged URLs.
     *
     * @throws IllegalArgumentException when the provider has no klines of that interval
     */
    Query query(String symbol, Interval interval, long fromMillis, long toMillis);

    /** The symbol the provider's bars are stored under (the one bars built from its trades carry). */
    default String barSymbol(String symbol) {
        return symbol;
    }

    /**
     * @param path    appended to {@code caravan.klines.url}
     * @param query   URL-encoded query string, without '?'
     * @param headers request headers; may hold a secret, so never log them
     */
    record Query(String path, String query, Map<String, String> headers) {
    }
}
