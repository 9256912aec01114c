package io.caravan.feed.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.CaravanConfig;
import io.caravan.bar.Interval;
import io.caravan.feed.KlineApi;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** AllTick's kline request: path by code, the token and the query JSON as parameters, the window as end and count. */
class AllTickKlineApiTest {

    static final Interval M1 = Interval.parse("1m");
    static final Interval M5 = Interval.parse("5m");
    /** 2024-03-01T10:00:00Z */
    static final long T0 = 1_709_287_200_000L;

    private final AllTickKlineApi api = new AllTickKlineApi(new AllTickKlineCodec(), config("s3cr et&=x"));

    static CaravanConfig config(String token) {
        Map<String, String> properties = token == null ? Map.of() : Map.of("caravan.alltick.token", token);
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(CaravanConfig.class).withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(CaravanConfig.class);
    }

    static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void stocksAskTheStockPathAndPairsTheFxCryptoPath() {
        assertEquals("/quote-stock-b-api/kline", api.query("AAPL.US", M1, T0, T0).path());
        assertEquals("/quote-stock-b-api/kline", api.query("700.HK", M1, T0, T0).path());
        assertEquals("/quote-b-api/kline", api.query("BTCUSDT", M1, T0, T0).path());
        assertEquals("/quote-b-api/kline", api.query("EURUSD", M1, T0, T0).path());
        assertEquals("700.HK", api.barSymbol(" 700.HK "), "bars carry the code, as the AllTick feed's");
        assertEquals("alltick", api.provider());
    }

    @Test
    void theWindowBecomesEndSecondsAndTheNumberOfBarStartsInIt() throws Exception {
        KlineApi.Query query = api.query("AAPL.US", M1, T0, T0 + 9 * 60_000L + 30_000L);
        Map<String, String> params = params(query.query());
        assertEquals(java.util.List.of("token", "query"), java.util.List.copyOf(params.keySet()));
        assertEquals("s3cr et&=x", params.get("token"), "the token is URL-encoded");
        assertEquals(Map.of(), query.headers());
        JsonNode json = new ObjectMapper().readTree(params.get("query"));
        assertTrue(json.get("trace").asText().startsWith("caravan-kline-"), json.toString());
        JsonNode data = json.get("data");
        assertEquals("AAPL.US", data.get("code").asText());
        assertEquals(1, data.get("kline_type").asInt());
        assertEquals((T0 + 9 * 60_000L + 30_000L) / 1000, data.get("kline_timestamp_end").asLong());
        assertEquals(10, data.get("query_kline_num").asInt(), "bars opening 10:00 .. 10:09");
        assertEquals(0, data.get("adjust_type").asInt());
        assertEquals(5, data.size());

        // a window not starting on a boundary counts only the starts inside it
        assertEquals(2, AllTickKlineApi.count(M5, T0 + 1, T0 + 10 * 60_000L));
        assertEquals(3, AllTickKlineApi.count(M5, T0, T0 + 10 * 60_000L));
        assertEquals(1, AllTickKlineApi.count(M1, T0 + 1, T0 + 2), "no start inside: still one, dropped by the poll");
        assertEquals(500, AllTickKlineApi.count(M1, T0 - 86_400_000L, T0), "AllTick's maximum");
    }

    @Test
    void klineTypesFollowTheDocumentationAndOthersAreRefused() {
        Map<String, Integer> types = Map.of("1m", 1, "5m", 2, "15m", 3, "30m", 4, "1h", 5, "2h", 6, "4h", 7, "1d", 8);
        types.forEach((interval, type) -> assertEquals(type, AllTickKlineApi.klineType(Interval.parse(interval))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> api.query("AAPL.US", Interval.parse("3m"), T0, T0));
        assertTrue(e.getMessage().contains("AllTick has no 3m klines"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> api.query("AAPL.US", Interval.parse("10s"), T0, T0));
    }

    @Test
    void withoutATokenThereIsNoQuery() {
        AllTickKlineApi noToken = new AllTickKlineApi(new AllTickKlineCodec(), config(null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noToken.query("AAPL.US", M1, T0, T0));
        assertTrue(e.getMessage().contains("ALLTICK_TOKEN"), e.getMessage());
    }
}
