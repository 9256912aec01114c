package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;

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

    private final TradeStore store;
    private final RestFaults faults;

    /** Symbols listed before they trade (the configured ones): an exchange knows a symbol without trades yet. */
    private final java.util.Set<String> listed;

    AggTradesEndpoint(TradeStore store, RestFaults faults, java.util.Collection<String> listed) {
        this.store = store;
        this.faults = faults;
        this.listed = java.util.Set.copyOf(listed);
    }

    void handle(HttpServerRequest request) {
        if (BinanceRestRequests.answered(request, faults)) {
            return;
        }
        String binanceSymbol = request.getParam("symbol");
        Long start = number(request.getParam("startTime"), 0L);
        Long end = number(request.getParam("endTime"), Long.MAX_VALUE - 1);
        Long fromId = number(request.getParam("fromId"), 0L);
        Long limit = number(request.getParam("limit"), 500L);
        if (binanceSymbol == null || binanceSymbol.isBlank() || start == null || end == null || fromId == null
                || limit == null || limit < 1 || limit > MAX_LIMIT) {
            BinanceRestRequests.refuseParameters(request);
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>(store.symbols());
        known.addAll(listed);
        Optional<String> symbol = BinanceRestRequests.symbol(request, known, binanceSymbol);
        if (symbol.isEmpty()) {
            return;
        }
        List<NumberedTrade> trades = store.trades(symbol.get(), start, end + 1, fromId, 0, limit.intValue());
        JsonReplies.respond(request, 200, render(trades));
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
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
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
}
