package io.caravan.simulator;

import java.time.Duration;
import java.util.function.ToIntFunction;

import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /sim/drop?for=90s}: closes every client connection and refuses new ones for the given time (default 0),
 * while the market goes on trading, so a client misses trades and must fill the gap. Callers as ControlRequests allows. Runs on
 * the simulator's event loop.
 */
final class DropEndpoint {

    static final String PATH = "/sim/drop";

    private final ToIntFunction<Duration> drop;

    /** @param drop closes the connections, refuses new ones for the duration, returns how many were closed */
    DropEndpoint(ToIntFunction<Duration> drop) {
        this.drop = drop;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            JsonReplies.respond(request, 405, JsonReplies.error("Method not allowed; POST /sim/drop?for=90s"));
            return;
        }
        Duration refuse;
        try {
            String text = request.getParam("for");
            refuse = text == null ? Duration.ZERO : DurationConverter.parseDuration(text);
        } catch (RuntimeException e) {
            JsonReplies.respond(request, 400, JsonReplies.error("for must be a duration such as 90s or 1500ms"));
            return;
        }
        int closed = drop.applyAsInt(refuse);
        JsonReplies.respond(request, 200, "{\"closed\":" + closed + ",\"refusedForMillis\":" + refuse.toMillis() + "}");
    }
}
