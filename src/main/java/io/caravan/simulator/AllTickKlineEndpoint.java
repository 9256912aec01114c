package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerRequest;

/**
 * AllTick's REST kline query, on both of its paths ({@code /quote-stock-b-api/kline} for stocks,
 * {@code /quote-b-api/kline} for FX, crypto and metals):
 * {@code GET ?token=..&query={"trace":..,"data":{"code":..,"kline_type":1,"kline_timestamp_end":0,"query_kline_num":2,"adjust_type":0}}}.
 * Answers the last {@code query_kline_num} (at most 500) bars starting at or before {@code kline_timestamp_end} (UNIX
 * seconds; 0 = now) from what the simulator has served ({@link CandleStore}), as AllTick does:
 * {@code {"ret":200,"msg":"ok","trace":..,"data":{"code":..,"kline_type":..,"kline_list":[{"timestamp":"<s>",
 * "open_price":..,"close_price":..,"high_price":..,"low_price":..,"volume":..,"turnover":..}]}}}, every number a
 * string, turnover = Σ price·size. AllTick's errors come with HTTP 200 and a {@code ret}: 401 without a token, 402
 * for a query it cannot read. Faults as the candle endpoint's ({@link RestFaults}). A code the simulator has not
 * traded has an empty list. Kline types 1-8 (1 m to 1 day); weeks and months are not simulated.
 */
final class AllTickKlineEndpoint {

    static final String STOCK_PATH = "/quote-stock-b-api/kline";
    static final String CRYPTO_PATH = "/quote-b-api/kline";
    static final int MAX_KLINES = 500;

    /** kline_type → bar length. */
    private static final Map<Integer, Long> TYPES = Map.of(1, 60_000L, 2, 300_000L, 3, 900_000L, 4, 1_800_000L,
            5, 3_600_000L, 6, 7_200_000L, 7, 14_400_000L, 8, 86_400_000L);

    /** Year 5000 in UNIX seconds: far beyond any real query, small enough that millisecond maths cannot overflow. */
    private static final long MAX_SECONDS = 95_617_584_000L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CandleStore store;
    private final RestFaults faults;
    private final UnaryOperator<String> simulatorSymbol;

    /** @param simulatorSymbol the simulator's symbol for an AllTick code (as the AllTick WebSocket maps it) */
    AllTickKlineEndpoint(CandleStore store, RestFaults faults, UnaryOperator<String> simulatorSymbol) {
        this.store = store;
        this.faults = faults;
        this.simulatorSymbol = simulatorSymbol;
    }

    static boolean isKlinePath(String path) {
        return STOCK_PATH.equals(path) || CRYPTO_PATH.equals(path);
    }

    void handle(HttpServerRequest request) {
        if (faults.answeredGet(request)) {
            return;
        }
        String token = request.getParam("token");
        if (token == null || token.isBlank()) {
            JsonReplies.respond(request, 200, error(401, "token invalid", null));
            return;
        }
        JsonNode query;
        try {
            String text = request.getParam("query");
            query = text == null ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            query = null;
        }
        JsonNode data = query == null ? null : query.get("data");
        String trace = query == null || !query.path("trace").isTextual() ? null : query.get("trace").asText();
        if (data == null || !data.path("code").isTextual() || !data.path("kline_type").canConvertToInt()
                || !data.path("kline_timestamp_end").canConvertToLong()
                || !data.path("query_kline_num").canConvertToInt()) {
            JsonReplies.respond(request, 200, error(402, "query invalid", trace));
            return;
        }
        String code = data.get("code").asText().trim();
        int type = data.get("kline_type").asInt();
        Long barMillis = TYPES.get(type);
        long end = data.get("kline_timestamp_end").asLong();
        int count = data.get("query_kline_num").asInt();
        if (barMillis == null || end < 0 || end > MAX_SECONDS || count < 1 || count > MAX_KLINES) {
            JsonReplies.respond(request, 200, error(402, "query invalid", trace));
            return;
        }
        long endMillis = end == 0 ? System.currentTimeMillis() : end * 1000L;
        String symbol = simulatorSymbol.apply(code);
        List<CandleStore.Candle> candles = faults.report(symbol, store.latest(symbol, barMillis, endMillis, count));
        JsonReplies.respond(request, 200, render(trace, code, type, candles));
    }

    static String render(String trace, String code, int klineType, List<CandleStore.Candle> candles) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("ret", 200);
            json.writeStringField("msg", "ok");
            json.writeStringField("trace", trace);
            json.writeObjectFieldStart("data");
            json.writeStringField("code", code);
            json.writeNumberField("kline_type", klineType);
            json.writeArrayFieldStart("kline_list");
            for (CandleStore.Candle c : candles) {
                json.writeStartObject();
                json.writeStringField("timestamp", String.valueOf(c.startSeconds()));
                json.writeStringField("open_price", c.open().toPlainString());
                json.writeStringField("close_price", c.close().toPlainString());
                json.writeStringField("high_price", c.high().toPlainString());
                json.writeStringField("low_price", c.low().toPlainString());
                json.writeStringField("volume", c.volume().toPlainString());
                json.writeStringField("turnover", c.notional().toPlainString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String error(int ret, String message, String trace) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("ret", ret);
            json.writeStringField("msg", message);
            json.writeStringField("trace", trace);
            json.writeNullField("data");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
