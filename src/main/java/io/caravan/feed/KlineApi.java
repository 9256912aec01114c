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
     * The request for the klines that open in {@code [fromMillis, toMillis]}. A token goes into a header where the
     * provider accepts one (URLs end up in logs); AllTick takes it only as a query parameter, so the query is never
     * logged by caravan and camel-http's URL logging is kept off. Note that camel-http's
     * {@code HttpOperationFailedException} message holds the full request URI, query included: a caller describes an
     * HTTP failure by its status code, never by the exception's message.
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
     * @param query   URL-encoded query string, without '?'; may hold a secret (AllTick's token), so never log it
     * @param headers request headers; may hold a secret, so never log them
     */
    record Query(String path, String query, Map<String, String> headers) {
    }
}
