package io.caravan.http;

import java.net.URI;

/**
 * The REST base URL (scheme, host, port) that goes with a provider's WebSocket URL: {@code ws} → {@code http},
 * {@code wss} → {@code https}, on the same host and port, except where the real services split the two:
 * {@code ws.finnhub.io} → {@code finnhub.io}, {@code stream.binance.com} → {@code api.binance.com},
 * {@code data-stream.binance.vision} → {@code data-api.binance.vision}. The simulator serves both on one port.
 */
public final class RestBase {

    private RestBase() {
    }

    public static String of(String webSocketUrl) {
        URI ws = URI.create(webSocketUrl.trim());
        String scheme = "wss".equals(ws.getScheme()) || "https".equals(ws.getScheme()) ? "https" : "http";
        String host = ws.getHost();
        if (host.equals("stream.binance.com") || host.endsWith(".stream.binance.com")) {
            return "https://api.binance.com";
        }
        if (host.equals("data-stream.binance.vision")) {
            return "https://data-api.binance.vision";
        }
        if (host.equals("ws.finnhub.io")) {
            return "https://finnhub.io";
        }
        return scheme + "://" + host + (ws.getPort() < 0 ? "" : ":" + ws.getPort());
    }

    /** {@code base} without a trailing slash, then {@code path}. */
    public static String join(String base, String path) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
