package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Binance's {@code GET /api/v3/aggTrades?symbol=BTCUSDT&startTime=&endTime=&fromId=&limit=}, answered from every
 * trade the simulated market made: {@code [{"a":id,"p":"..","q":"..","f":id,"l":id,"T":ms,"m":bool}, ...]}. The
 * simulator has no order book, so each aggregate trade is one trade ({@code a = f = l} = its trade id). Times are
 * inclusive, as Binance's; {@code fromId} pages on from an aggregate trade id.
 */
final class AggTradesEndpoint {

    static final String PATH = "/api/v3/aggTrades";
    static final int MAX_LIMIT = 1000;

    private static final JsonFactory JSON = new JsonFactory();

    private final TradeStore store;

    AggTradesEndpoint(TradeStore store) {
        this.store = store;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            CandleEndpoint.respond(request, 405, binanceError(-1000, "Method not allowed"));
            return;
        }
        String binanceSymbol = request.getParam("symbol");
        Long start = number(request.getParam("startTime"), 0L);
        Long end = number(request.getParam("endTime"), Long.MAX_VALUE - 1);
        Long fromId = number(request.getParam("fromId"), 0L);
        Long limit = number(request.getParam("limit"), 500L);
        if (binanceSymbol == null || binanceSymbol.isBlank() || start == null || end == null || fromId == null
                || limit == null || limit < 1 || limit > MAX_LIMIT) {
            CandleEndpoint.respond(request, 400, binanceError(-1100, "Illegal characters or values in a parameter"));
            return;
        }
        Optional<String> symbol = store.symbols().stream()
                .filter(s -> BinanceFrames.binanceSymbol(s).equals(binanceSymbol.trim().toUpperCase(Locale.ROOT)))
                .findFirst();
        if (symbol.isEmpty()) {
            CandleEndpoint.respond(request, 400, binanceError(-1121, "Invalid symbol."));
            return;
        }
        List<NumberedTrade> trades = store.trades(symbol.get(), start, end + 1).stream()
                .filter(t -> t.id() >= fromId).limit(limit).toList();
        CandleEndpoint.respond(request, 200, render(trades));
    }

    private static Long number(String text, long absent) {
        try {
            return text == null ? Long.valueOf(absent) : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String render(List<NumberedTrade> trades) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (NumberedTrade t : trades) {
                json.writeStartObject();
                json.writeNumberField("a", t.id());
                json.writeStringField("p", t.trade().price());
                json.writeStringField("q", t.trade().size());
                json.writeNumberField("f", t.id());
                json.writeNumberField("l", t.id());
                json.writeNumberField("T", t.trade().timestamp());
                json.writeBooleanField("m", t.id() % 2 == 0);
                json.writeBooleanField("M", true);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String binanceError(int code, String message) {
        return "{\"code\":" + code + ",\"msg\":\"" + message + "\"}";
    }
}
