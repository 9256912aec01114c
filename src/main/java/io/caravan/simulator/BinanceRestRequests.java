package io.caravan.simulator;

import static io.caravan.simulator.JsonReplies.binanceError;

import java.util.Collection;
import java.util.Optional;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the simulator's Binance REST endpoints ({@code /api/v3/aggTrades}, {@code /api/v3/klines}) ask of every
 * request, each refusal answered with Binance's error body: a GET, the faults the tests told them to answer with
 * ({@link RestFaults}), parameters that make sense, and a symbol the market trades.
 */
final class BinanceRestRequests {

    private BinanceRestRequests() {
    }

    /** True when the request has been answered already: not a GET (405), or a fault it was told to give. */
    static boolean answered(HttpServerRequest request, RestFaults faults) {
        if (request.method() != HttpMethod.GET) {
            JsonReplies.respond(request, 405, binanceError(-1000, "Method not allowed"));
            return true;
        }
        return faults.answered(request);
    }

    static void refuseParameters(HttpServerRequest request) {
        JsonReplies.respond(request, 400, binanceError(-1100, "Illegal characters or values in a parameter"));
    }

    /** The simulator's symbol that Binance calls {@code binanceSymbol}; empty after answering -1121. */
    static Optional<String> symbol(HttpServerRequest request, Collection<String> symbols, String binanceSymbol) {
        Optional<String> symbol = BinanceFrames.simulatorSymbol(symbols, binanceSymbol);
        if (symbol.isEmpty()) {
            JsonReplies.respond(request, 400, binanceError(-1121, "Invalid symbol."));
        }
        return symbol;
    }
}
