package io.caravan.sink;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;

/**
 * How an exchange bar (a provider's kline, source {@code rest} or {@code stream}) reads outside the JVM: the fields of a bar built from
 * ticks ({@link BarFields}) plus its provider, source and fetch time. What the provider does not report (VWAP, trade
 * count) stays empty or null: unknown, never invented.
 */
public final class ExchangeBarFields {

    private ExchangeBarFields() {
    }

    /** A CSV line with the columns of {@link BarFields#CSV_COLUMNS}. */
    public static String csvLine(Kline k) {
        return String.join(",", Instant.ofEpochMilli(k.openTime()).toString(), BarFields.plain(k.open()),
                BarFields.plain(k.high()), BarFields.plain(k.low()), BarFields.plain(k.close()), BarFields.plain(k.vwap()),
                BarFields.plain(k.volume()), k.trades() == null ? "" : k.trades().toString());
    }

    /** @param source {@link KlineBatch#REST} or {@link KlineBatch#STREAM} */
    public static Map<String, Object> json(Kline k, long fetchedAt, String source) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("symbol", k.symbol());
        map.put("interval", k.interval().label());
        map.put("open_time", Instant.ofEpochMilli(k.openTime()).toString());
        map.put("open_time_ms", k.openTime());
        map.put("open", BarFields.plain(k.open()));
        map.put("high", BarFields.plain(k.high()));
        map.put("low", BarFields.plain(k.low()));
        map.put("close", BarFields.plain(k.close()));
        map.put("volume", BarFields.plain(k.volume()));
        map.put("vwap", k.vwap() == null ? null : BarFields.plain(k.vwap()));
        map.put("trade_count", k.trades());
        map.put("provider", k.provider());
        map.put("source", source);
        map.put("fetched_at", Instant.ofEpochMilli(fetchedAt).toString());
        return map;
    }
}
