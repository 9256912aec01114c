package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpServerRequest;

/**
 * The trades the market made, for gap-fill: {@code GET /api/v1/stock/tick?symbol=AAPL&from=<ms>&to=<ms>&skip=0&limit=25000}
 * ({@code from <= t < to}, epoch milliseconds). The answer has the shape of Finnhub's tick endpoint, parallel arrays
 * in the order the trades were made: {@code {"s":"AAPL","skip":0,"count":2,"total":2,"t":[..],"p":[..],"v":[..],
 * "i":[..]}}; {@code i} (the simulator's trade ids) is ours, Finnhub's tick data has none. Finnhub's own endpoint
 * selects by {@code date}; this one by a time range, which is what filling a gap needs.
 */
final class TickEndpoint {

    static final String PATH = "/api/v1/stock/tick";
    static final int MAX_LIMIT = 25_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final TradeStore store;
    private final RestFaults faults;

    TickEndpoint(TradeStore store, RestFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    void handle(HttpServerRequest request) {
        if (faults.answeredGet(request)) {
            return;
        }
        String symbol = request.getParam("symbol");
        Long from = number(request.getParam("from"));
        Long to = number(request.getParam("to"));
        Long skip = request.getParam("skip") == null ? Long.valueOf(0) : number(request.getParam("skip"));
        Long limit = request.getParam("limit") == null ? Long.valueOf(MAX_LIMIT) : number(request.getParam("limit"));
        if (symbol == null || symbol.isBlank() || from == null || to == null || skip == null || skip < 0
                || limit == null || limit < 1 || limit > MAX_LIMIT) {
            JsonReplies.respond(request, 422, JsonReplies.error("Parameters: symbol, from and to (epoch ms), "
                    + "skip >= 0, limit 1.." + MAX_LIMIT));
            return;
        }
        int total = store.count(symbol.trim(), from, to);
        int first = (int) Math.min(skip, total);
        List<NumberedTrade> page = store.trades(symbol.trim(), from, to, Long.MIN_VALUE, first, limit.intValue());
        JsonReplies.respond(request, 200, render(symbol.trim(), first, page, total));
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String render(String symbol, int skip, List<NumberedTrade> trades, int total) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("s", symbol);
            json.writeNumberField("skip", skip);
            json.writeNumberField("count", trades.size());
            json.writeNumberField("total", total);
            json.writeArrayFieldStart("t");
            for (NumberedTrade t : trades) {
                json.writeNumber(t.trade().timestamp());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("p");
            for (NumberedTrade t : trades) {
                json.writeNumber(t.trade().price()); // the decimal text as made, digit for digit
            }
            json.writeEndArray();
            json.writeArrayFieldStart("v");
            for (NumberedTrade t : trades) {
                json.writeNumber(t.trade().size());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("i");
            for (NumberedTrade t : trades) {
                json.writeNumber(t.id());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
