package io.caravan.http;

import java.util.Collection;
import java.util.Locale;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Whether a request may come from the page that sent it: no {@code Origin} (not a browser, or a same-origin GET),
 * or the request's own {@code scheme://host:port}, or one of the extra origins given. A browser always sends
 * {@code Origin} on a WebSocket handshake and on a cross-origin POST, and a page cannot forge it.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    public static boolean allows(HttpServerRequest request, Collection<String> extraOrigins) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String normalised = strip(origin);
        String host = request.getHeader(HttpHeaders.HOST);
        if (host != null && normalised.equals(strip(request.scheme() + "://" + host))) {
            return true;
        }
        return extraOrigins.stream().map(SameOrigin::strip).anyMatch(normalised::equals);
    }

    private static String strip(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
