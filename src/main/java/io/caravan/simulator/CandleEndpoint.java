package io.caravan.simulator;

import static io.caravan.simulator.JsonReplies.error;
import static io.caravan.simulator.JsonReplies.respond;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpServerRequest;

/**
 * Finnhub's {@code GET /api/v1/stock/candle}, answered from what the simulator has served, unless told to fail
 * ({@link RestFaults}).
 */
final class CandleEndpoint {

    static final String PATH = "/api/v1/stock/candle";

    /** Year 5000 in UNIX seconds: far beyond any real query, small enough that millisecond maths cannot overflow. */
    private static final long MAX_SECONDS = 95_617_584_000L;

    private final CandleStore store;
    private final RestFaults faults;

    CandleEndpoint(CandleStore store, RestFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    void handle(HttpServerRequest request) {
        if (faults.answeredGet(request)) {
            return;
        }
        String symbol = request.getParam("symbol");
        if (symbol == null || symbol.isBlank()) {
            respond(request, 422, error("Missing parameter: symbol"));
            return;
        }
        String resolutionParam = request.getParam("resolution");
        Optional<CandleResolution> resolution = CandleResolution.fromCode(resolutionParam);
        if (resolution.isEmpty()) {
            respond(request, 422, error(resolutionParam == null ? "Missing parameter: resolution"
                    : "Unsupported resolution; use 1, 5, 15, 30, 60 or D"));
            return;
        }
        Long from = seconds(request.getParam("from"));
        Long to = seconds(request.getParam("to"));
        if (from == null || to == null) {
            respond(request, 422, error("Parameters from and to must be UNIX seconds"));
            return;
        }
        List<CandleStore.Candle> candles = faults.report(symbol.trim(),
                store.candles(symbol.trim(), resolution.get().millis(), from * 1000L, to * 1000L));
        respond(request, 200, candles.isEmpty() ? "{\"s\":\"no_data\"}" : render(candles));
    }

    private static Long seconds(String text) {
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            return Math.abs(value) <= MAX_SECONDS ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Finnhub's key order (alphabetical), parallel arrays oldest first. */
    private static String render(List<CandleStore.Candle> candles) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
            json.writeStartObject();
            writeDecimals(json, "c", candles, CandleStore.Candle::close);
            writeDecimals(json, "h", candles, CandleStore.Candle::high);
            writeDecimals(json, "l", candles, CandleStore.Candle::low);
            writeDecimals(json, "o", candles, CandleStore.Candle::open);
            json.writeStringField("s", "ok");
            json.writeArrayFieldStart("t");
            for (CandleStore.Candle candle : candles) {
                json.writeNumber(candle.startSeconds());
            }
            json.writeEndArray();
            writeDecimals(json, "v", candles, CandleStore.Candle::volume);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeDecimals(JsonGenerator json, String field, List<CandleStore.Candle> candles,
            Function<CandleStore.Candle, BigDecimal> value) throws IOException {
        json.writeArrayFieldStart(field);
        for (CandleStore.Candle candle : candles) {
            // plain text: BigDecimal.toString() may switch to exponent notation for some scales
            json.writeNumber(value.apply(candle).toPlainString());
        }
        json.writeEndArray();
    }
}
