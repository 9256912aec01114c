package io.caravan.feed.alltick;

import java.util.Locale;

/**
 * AllTick serves stocks on one WebSocket endpoint and FX, crypto and metals on another; a code picks its endpoint by
 * its form: stocks carry a market suffix ({@code AAPL.US}, {@code 700.HK}, {@code 600519.SH}, {@code 000858.SZ}),
 * FX, crypto and metals do not ({@code EURUSD}, {@code BTCUSDT}, {@code XAUUSD}).
 */
public enum AllTickEndpoint {
    STOCK, CRYPTO;

    /** The route-id and log name: {@code stock} or {@code crypto}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AllTickEndpoint of(String code) {
        int dot = code.lastIndexOf('.');
        return dot > 0 && dot < code.length() - 1 ? STOCK : CRYPTO;
    }

    public static AllTickEndpoint byId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
