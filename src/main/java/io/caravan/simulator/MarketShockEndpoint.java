package io.caravan.simulator;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /sim/shock} with {@code {"symbol":"AAPL","percent":-3}}: moves a synthetic symbol's market at once and
 * sends one trade at the new price to the subscribers. For demos and tests of alerts; answers only clients on the
 * loopback interface, whatever address the simulator listens on. Runs on the simulator's event loop.
 */
final class MarketShockEndpoint {

    static final String PATH = "/sim/shock";

    /** A move beyond this is a typo, not a demo. */
    private static final double MAX_PERCENT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyntheticTradeSource synthetic;
    private final TradeDispatcher dispatcher;

    MarketShockEndpoint(SyntheticTradeSource synthetic, TradeDispatcher dispatcher) {
        this.synthetic = synthetic;
        this.dispatcher = dispatcher;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            respond(request, 405, Map.of("error", "Method not allowed; POST {\"symbol\":..,\"percent\":..}"));
            return;
        }
        if (synthetic == null) {
            respond(request, 409, Map.of("error", "The simulator replays a file; only synthetic markets can be moved"));
            return;
        }
        request.body().onSuccess(body -> {
            String symbol;
            double percent;
            try {
                JsonNode json = JSON.readTree(body.toString());
                symbol = json.path("symbol").asText("");
                percent = json.path("percent").asDouble(Double.NaN);
            } catch (Exception e) {
                respond(request, 400, Map.of("error", "Body must be JSON {\"symbol\":..,\"percent\":..}"));
                return;
            }
            if (symbol.isBlank() || !(Math.abs(percent) > 0 && Math.abs(percent) <= MAX_PERCENT)) {
                respond(request, 400, Map.of("error", "Need a symbol and a percent between -50 and 50, not 0"));
                return;
            }
            Optional<SimTrade> trade = synthetic.shock(symbol, percent, System.currentTimeMillis());
            if (trade.isEmpty()) {
                respond(request, 404, Map.of("error", "Symbol not simulated: " + symbol));
                return;
            }
            dispatcher.dispatch(java.util.List.of(trade.get()));
            respond(request, 200, Map.of("symbol", symbol, "price", trade.get().price(), "time", trade.get().timestamp()));
        });
    }

    private static void respond(HttpServerRequest request, int status, Map<String, Object> body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (Exception e) {
            text = "{}";
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
    }
}
