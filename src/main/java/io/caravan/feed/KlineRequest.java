package io.caravan.feed;

import java.time.Instant;

import io.caravan.bar.Interval;

/**
 * The klines of one symbol that open in {@code [from, to]} (epoch ms), as asked of a provider's REST API.
 *
 * @param symbol    as the provider is asked for it
 * @param barSymbol as bars of that symbol are stored
 */
public record KlineRequest(String provider, String symbol, String barSymbol, Interval interval, long from, long to) {

    @Override
    public String toString() {
        return provider + " " + symbol + " " + interval + " " + Instant.ofEpochMilli(from) + ".."
                + Instant.ofEpochMilli(to);
    }
}
