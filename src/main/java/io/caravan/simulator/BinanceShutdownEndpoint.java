package io.caravan.simulator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /sim/binance/shutdown}: every Binance client gets {@code serverShutdown} and is disconnected, as before
 * Binance's maintenance. With {@code ?close=false} the event is sent but the connections stay open, so a test can
 * see the client leave by itself. For tests of reconnects; answers only clients on the loopback interface. Runs on
 * the simulator's event loop.
 */
final class BinanceShutdownEndpoint {

    static final String PATH = "/sim/binance/shutdown";

    /** Does the shutdown; returns how many clients were told. */
    interface Shutdown {
        int shutDown(boolean close);
    }

    private final Shutdown shutdown;

    BinanceShutdownEndpoint(Shutdown shutdown) {
        this.shutdown = shutdown;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            respond(request, 405, "{\"error\":\"Method not allowed; POST\"}");
        } else {
            boolean close = !"false".equals(request.getParam("close"));
            respond(request, 200, "{\"clients\":" + shutdown.shutDown(close) + "}");
        }
    }

    private static void respond(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }
}
