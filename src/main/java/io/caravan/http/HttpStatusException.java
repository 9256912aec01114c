package io.caravan.http;

import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A REST answer with a status other than 2xx, told without the query string: a provider's token may travel in the
 * query (AllTick), and camel-http's own exception names the whole URL in its message, which the retry and
 * dead-letter logging would print. So this one has no cause, and keeps only the status and the wait asked for.
 */
public class HttpStatusException extends RuntimeException {

    private final int status;
    private final OptionalLong retryAfterMillis;

    public HttpStatusException(String url, int status, Map<String, String> responseHeaders) {
        super("HTTP " + status + " from " + withoutQuery(url), null, false, false);
        this.status = status;
        this.retryAfterMillis = responseHeaders == null ? OptionalLong.empty() : RetryAfter.millis(responseHeaders);
    }

    public int status() {
        return status;
    }

    /** What a {@code Retry-After} header asked for, in ms. */
    public OptionalLong retryAfterMillis() {
        return retryAfterMillis;
    }

    /** Scheme, host, port and path; never the query or the user info. */
    public static String withoutQuery(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getPath() == null ? "" : uri.getPath());
        } catch (IllegalArgumentException e) {
            int cut = url.indexOf('?');
            return cut < 0 ? url : url.substring(0, cut);
        }
    }
}
