package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpServerRequest;

/**
 * Binance's {@code GET /api/v3/klines?symbol=&interval=&startTime=&endTime=&limit=}, answered from what the simulator
 * has served ({@link CandleStore}), unless told to fail ({@link RestFaults}, shared with the candle endpoint): the real
 * rows {@code [open time, open, high, low, close, volume, close time, quote volume, trades, taker buy volume, taker
 * buy quote volume, "0"]}, oldest first, at most {@code limit} (default 500, max 1000) from {@code startTime}. The
 * simulator knows no taker side: those two fields are "0".
 */
final class BinanceKlinesEndpoint {

    static final String PATH = "/api/v3/klines";
    static final int MAX_LIMIT = 1000;

    /** Binance's interval names the simulator answers: fixed lengths that start on UTC multiples of themselves. */
    private static final Map<String, Long> INTERVALS = Map.ofEntries(Map.entry("1m", 60_000L),
            Map.entry("3m", 180_000L), Map.entry("5m", 300_000L), Map.entry("15m", 900_000L),
            Map.entry("30m", 1_800_000L), Map.entry("1h", 3_600_000L), Map.entry("2h", 7_200_000L),
            Map.entry("4h", 14_400_000L), Map.entry("6h", 21_600_000L), Map.entry("8h", 28_800_000L),
            Map.entry("12h", 43_200_000L), Map.entry("1d", 86_400_000L));

    /** Year 5000 in epoch ms: far beyond any real query, small enough that the maths cannot overflow. */
    private static final long MAX_MILLIS = 95_617_584_000_000L;

    private final CandleStore store;
    private final RestFaults faults;

    BinanceKlinesEndpoint(CandleStore store, RestFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    void handle(HttpServerRequest request) {
        if (BinanceRestRequests.answered(request, faults)) {
            return;
        }
        String binanceSymbol = request.getParam("symbol");
        Long barMillis = INTERVALS.get(request.getParam("interval"));
        Long start = number(request.getParam("startTime"), 0L);
        Long end = number(request.getParam("endTime"), MAX_MILLIS);
        Long limit = number(request.getParam("limit"), 500L);
        if (binanceSymbol == null || binanceSymbol.isBlank() || barMillis == null || start == null || end == null
                || limit == null || limit < 1 || limit > MAX_LIMIT) {
            BinanceRestRequests.refuseParameters(request);
            return;
        }
        Optional<String> symbol = BinanceRestRequests.symbol(request, store.symbols(), binanceSymbol);
        if (symbol.isEmpty()) {
            return;
        }
        List<CandleStore.Candle> candles = faults.report(symbol.get(),
                store.candles(symbol.get(), barMillis, start, end));
        JsonReplies.respond(request, 200, render(candles.subList(0, (int) Math.min(limit, candles.size())), barMillis));
    }

    private static Long number(String text, long absent) {
        try {
            long value = text == null ? absent : Long.parseLong(text.trim());
            return value >= 0 && value <= MAX_MILLIS ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String render(List<CandleStore.Candle> candles, long barMillis) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
            json.writeStartArray();
            for (CandleStore.Candle c : candles) {
                json.writeStartArray();
                json.writeNumber(c.startMillis());
                json.writeString(c.open().toPlainString());
                json.writeString(c.high().toPlainString());
                json.writeString(c.low().toPlainString());
                json.writeString(c.close().toPlainString());
                json.writeString(c.volume().toPlainString());
                json.writeNumber(c.startMillis() + barMillis - 1);
                json.writeString(c.notional().toPlainString());
                json.writeNumber(c.trades());
                json.writeString("0");
                json.writeString("0");
                json.writeString("0");
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
