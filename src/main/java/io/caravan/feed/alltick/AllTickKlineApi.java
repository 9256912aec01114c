package io.caravan.feed.alltick;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.caravan.CaravanConfig;
import io.caravan.bar.Interval;
import io.caravan.feed.KlineApi;
import io.caravan.feed.KlineCodec;

/**
 * AllTick's {@code GET <stock or FX/crypto path>/kline?token=&query={"trace":..,"data":{"code":..,"kline_type":..,
 * "kline_timestamp_end":..,"query_kline_num":..,"adjust_type":0}}}: stocks ({@code AAPL.US}, {@code 700.HK}) on
 * {@code /quote-stock-b-api/kline}, FX, crypto and metals ({@code EURUSD}, {@code BTCUSDT}) on
 * {@code /quote-b-api/kline}, by the rule of the WebSocket feed ({@link AllTickEndpoint}). The API counts klines
 * back from an end time, so the window {@code [from, to]} becomes {@code kline_timestamp_end} = {@code to} (UNIX
 * seconds) and {@code query_kline_num} = the number of bar starts in the window (at most AllTick's 500); klines
 * outside the window that still come back are dropped by the poll ({@link io.caravan.kline.KlineHttp}).
 * <p>
 * AllTick takes the token ({@code ALLTICK_TOKEN}) only as the {@code token} query parameter, so this is the one
 * provider whose query holds a secret: caravan never logs a request's query, and camel-http's and Apache HttpClient's
 * request-line logging is kept off (see application.properties). Bars are stored under the code, as the AllTick
 * feed's bars are.
 */
@ApplicationScoped
public class AllTickKlineApi implements KlineApi {

    static final String STOCK_PATH = "/quote-stock-b-api/kline";
    static final String CRYPTO_PATH = "/quote-b-api/kline";
    /** The most klines one query may ask for. */
    static final int MAX_KLINES = 500;

    /** Interval length → kline_type; AllTick's weeks (9) and months (10) do not start on fixed-length boundaries. */
    private static final Map<Long, Integer> TYPES = Map.of(60_000L, 1, 300_000L, 2, 900_000L, 3, 1_800_000L, 4,
            3_600_000L, 5, 7_200_000L, 6, 14_400_000L, 7, 86_400_000L, 8);

    private static final JsonFactory JSON = new JsonFactory();

    private final AllTickKlineCodec codec;
    private final String token;
    private final AtomicLong traces = new AtomicLong();

    public AllTickKlineApi(AllTickKlineCodec codec, CaravanConfig config) {
        this.codec = codec;
        this.token = config.alltick().token().filter(t -> !t.isBlank()).orElse(null);
    }

    @Override
    public String provider() {
        return "alltick";
    }

    @Override
    public KlineCodec codec() {
        return codec;
    }

    /**
     * @throws IllegalArgumentException for an interval AllTick has no klines of
     * @throws IllegalStateException    without a token (AllTick answers nothing without one)
     */
    @Override
    public Query query(String symbol, Interval interval, long fromMillis, long toMillis) {
        int type = klineType(interval);
        if (token == null) {
            throw new IllegalStateException("caravan.klines.provider=alltick needs a token: set ALLTICK_TOKEN "
                    + "(caravan.alltick.token)");
        }
        String code = barSymbol(symbol);
        String json = queryJson("caravan-kline-" + traces.incrementAndGet(), code, type,
                Math.floorDiv(toMillis, 1000L), count(interval, fromMillis, toMillis));
        String path = AllTickEndpoint.of(code) == AllTickEndpoint.STOCK ? STOCK_PATH : CRYPTO_PATH;
        return new Query(path, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&query="
                + URLEncoder.encode(json, StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public String barSymbol(String symbol) {
        String code = symbol.trim();
        if (code.isEmpty()) {
            throw new IllegalArgumentException("AllTick code is empty");
        }
        return code;
    }

    static int klineType(Interval interval) {
        Integer type = TYPES.get(interval.millis());
        if (type == null) {
            throw new IllegalArgumentException("AllTick has no " + interval + " klines (1m, 5m, 15m, 30m, 1h, 2h, 4h, "
                    + "1d)");
        }
        return type;
    }

    /** The bar starts in [from, to], at least 1 (a query must ask for one), at most {@link #MAX_KLINES}. */
    static int count(Interval interval, long fromMillis, long toMillis) {
        long first = Math.floorDiv(fromMillis + interval.millis() - 1, interval.millis());
        long last = Math.floorDiv(toMillis, interval.millis());
        return (int) Math.max(1, Math.min(MAX_KLINES, last - first + 1));
    }

    private static String queryJson(String trace, String code, int type, long endSeconds, int count) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("trace", trace);
            json.writeObjectFieldStart("data");
            json.writeStringField("code", code);
            json.writeNumberField("kline_type", type);
            json.writeNumberField("kline_timestamp_end", endSeconds);
            json.writeNumberField("query_kline_num", count);
            json.writeNumberField("adjust_type", 0);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
