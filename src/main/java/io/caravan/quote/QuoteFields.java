package io.caravan.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.market.Instrument;
import io.caravan.market.Instruments;

/**
 * How a quote reads outside the JVM: plain decimals, ISO-8601 UTC time, the normalised instrument and market, and
 * whether the trade was in session; fields not known yet are left out.
 */
public final class QuoteFields {

    private QuoteFields() {
    }

    public static Map<String, Object> of(Quote quote) {
        Map<String, Object> map = new LinkedHashMap<>();
        Instrument instrument = Instruments.of(quote.feed(), quote.symbol());
        map.put("symbol", quote.symbol());
        map.put("instrument", instrument.id());
        map.put("market", instrument.market().name());
        map.put("feed", quote.feed());
        map.put("price", quote.price().toPlainString());
        putIfKnown(map, "size", quote.size());
        map.put("time", Instant.ofEpochMilli(quote.time()).toString());
        map.put("time_ms", quote.time());
        map.put("day_volume", quote.dayVolume().toPlainString());
        putIfKnown(map, "prev_close", quote.previousClose());
        putIfKnown(map, "change", quote.change());
        putIfKnown(map, "change_pct", quote.changePercent());
        // a trade outside the market's regular session is kept, and flagged
        map.put("in_session", instrument.market().isOpen(Instant.ofEpochMilli(quote.time())));
        return map;
    }

    private static void putIfKnown(Map<String, Object> map, String field, BigDecimal value) {
        if (value != null) {
            map.put(field, value.toPlainString());
        }
    }
}
