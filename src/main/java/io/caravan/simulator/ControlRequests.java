package io.caravan.simulator;

import java.util.List;
import java.util.Locale;

import io.caravan.http.SameOrigin;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who may use the simulator's controls ({@code /sim/...}: halt, drop, shock, faults, shutdown): a client on the
 * loopback interface that is not a web page of another origin. A page the user opens is on loopback too, and a
 * {@code fetch(.., {mode: 'no-cors'})} reaches the server; so a request that changes anything must also be one a
 * page cannot send without the server's consent (CORS, never given): with the header {@code X-Caravan-Sim} or a
 * JSON body. Browsers send {@code Origin} on such requests, and pages cannot forge it.
 */
final class ControlRequests {

    static final String PREFIX = "/sim/";
    static final String HEADER = "X-Caravan-Sim";

    private ControlRequests() {
    }

    /** Why the request is refused, or null if it may go on to its endpoint. */
    static String refusal(HttpServerRequest request) {
        if (request.remoteAddress() == null || !isLoopback(request.remoteAddress().hostAddress())) {
            return "Only loopback clients may use the simulator's controls";
        }
        if (!SameOrigin.allows(request, List.of())) {
            return "Not from a web page of another origin: " + request.getHeader(HttpHeaders.ORIGIN);
        }
        if (request.method() != HttpMethod.GET && request.getHeader(HEADER) == null && !isJson(request)) {
            return "Send the header " + HEADER + ": 1 or a JSON body (Content-Type: application/json)";
        }
        return null;
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || "0:0:0:0:0:0:0:1".equals(address) || "::1".equals(address);
    }

    private static boolean isJson(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
