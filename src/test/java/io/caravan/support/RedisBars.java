package io.caravan.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Bars as caravan writes them in JSON (Redis members, pub/sub messages, user sinks), read back for comparison. */
public final class RedisBars {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisBars() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public static String key(JsonNode bar) {
        Instant open = Instant.parse(bar.get("open_time").asText());
        assertEquals(open.toEpochMilli(), bar.get("open_time_ms").asLong(), "open_time and open_time_ms agree");
        return ExpectedBars.key(bar.get("symbol").asText(), bar.get("interval").asText(), open);
    }

    public static ExpectedBar bar(JsonNode bar) {
        JsonNode vwap = bar.get("vwap");
        return new ExpectedBar(dec(bar, "open"), dec(bar, "high"), dec(bar, "low"), dec(bar, "close"),
                dec(bar, "volume"), vwap == null || vwap.isNull() ? null : new BigDecimal(vwap.asText()),
                bar.get("trade_count").asLong());
    }

    /** The same bar as fields of a Redis hash. */
    public static ExpectedBar bar(Map<String, String> hash) {
        return new ExpectedBar(new BigDecimal(hash.get("open")), new BigDecimal(hash.get("high")),
                new BigDecimal(hash.get("low")), new BigDecimal(hash.get("close")), new BigDecimal(hash.get("volume")),
                hash.containsKey("vwap") ? new BigDecimal(hash.get("vwap")) : null,
                Long.parseLong(hash.get("trade_count")));
    }

    /** Bars from JSON documents; a bar seen twice fails unless {@code allowRepeats}. */
    public static Map<String, ExpectedBar> fromJson(Iterable<String> documents, boolean allowRepeats, String where) {
        Map<String, ExpectedBar> bars = new TreeMap<>();
        for (String document : documents) {
            JsonNode node = parse(document);
            ExpectedBar previous = bars.put(key(node), bar(node));
            if (previous != null && !allowRepeats) {
                fail(where + ": bar written twice: " + key(node));
            }
        }
        return bars;
    }

    private static BigDecimal dec(JsonNode bar, String field) {
        return new BigDecimal(bar.get(field).asText());
    }
}
