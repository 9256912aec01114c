package io.caravan.simulator;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /sim/halt?symbol=AAPL&for=10s}: a trading halt; the synthetic symbol sends no trades for that long,
 * then resumes at the price it stood at, while the connection and the other symbols go on (for flat bars and
 * staleness). Callers as ControlRequests allows. Runs on the simulator's event loop.
 */
final class HaltEndpoint {

    static final String PATH = "/sim/halt";

    private final SyntheticTradeSource synthetic;

    HaltEndpoint(SyntheticTradeSource synthetic) {
        this.synthetic = synthetic;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            JsonReplies.respond(request, 405, JsonReplies.error("Method not allowed; POST /sim/halt?symbol=AAPL&for=10s"));
            return;
        }
        if (synthetic == null) {
            JsonReplies.respond(request, 409, JsonReplies.error("The simulator replays a file; only synthetic markets halt"));
            return;
        }
        String symbol = request.getParam("symbol");
        Duration halt;
        try {
            halt = DurationConverter.parseDuration(request.getParam("for"));
        } catch (RuntimeException e) {
            halt = null;
        }
        if (symbol == null || symbol.isBlank() || halt == null || halt.isNegative() || halt.isZero()) {
            JsonReplies.respond(request, 400, JsonReplies.error("Need symbol and for, a duration such as 10s"));
            return;
        }
        long until = System.currentTimeMillis() + halt.toMillis();
        if (!synthetic.halt(symbol, until)) {
            JsonReplies.respond(request, 404, JsonReplies.error("Symbol not simulated: " + symbol));
            return;
        }
        JsonReplies.respond(request, 200, "{\"haltedUntil\":" + until + "}");
    }
}
