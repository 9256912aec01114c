package io.caravan.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a quote reads outside the JVM: plain decimals, ISO-8601 UTC time; fields not known yet are left out. */
public final class QuoteFields {

    private QuoteFields() {
    }

    public static Map<String, Object> of(Quote quote) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("symbol", quote.symbol());
        map.put("feed", quote.feed());
        map.put("price", quote.price().toPlainString());
        putIfKnown(map, "size", quote.size());
        map.put("time", Instant.ofEpochMilli(quote.time()).toString());
        map.put("time_ms", quote.time());
        map.put("day_volume", quote.dayVolume().toPlainString());
        putIfKnown(map, "prev_close", quote.previousClose());
        putIfKnown(map, "change", quote.change());
        putIfKnown(map, "change_pct", quote.changePercent());
        return map;
    }

    private static void putIfKnown(Map<String, Object> map, String field, BigDecimal value) {
        if (value != null) {
            map.put(field, value.toPlainString());
        }
    }
}
