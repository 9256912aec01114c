package io.caravan.sink;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.caravan.bar.Bar;

/**
 * How a bar reads outside the JVM: ISO-8601 UTC open time, plain decimals; an empty (CSV) or null (JSON) VWAP when
 * there was no volume, and VWAP or trade count empty/null when unknown (a bar taken from a provider's kline).
 */
@ApplicationScoped
@Named("barFields")
public class BarFields {

    /** Exchange property holding the bar(s) a sink works on, when its body has become something else (JSON). */
    public static final String BARS = "caravanBars";

    /** The CSV columns, those of the Python script users come from. */
    public static final String[] CSV_COLUMNS = { "timestamp", "open", "high", "low", "close", "vwap", "volume",
            "num_transactions" };

    public static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    public static String openTime(Bar bar) {
        return Instant.ofEpochMilli(bar.openTime()).toString();
    }

    public Map<String, Object> csvRow(Bar bar) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("timestamp", openTime(bar));
        row.put("open", plain(bar.open()));
        row.put("high", plain(bar.high()));
        row.put("low", plain(bar.low()));
        row.put("close", plain(bar.close()));
        row.put("vwap", plain(bar.vwap()));
        row.put("volume", plain(bar.volume()));
        row.put("num_transactions", bar.trades() == null ? "" : bar.trades());
        return row;
    }

    public Map<String, Object> json(Bar bar) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("symbol", bar.symbol());
        map.put("interval", bar.interval().label());
        map.put("open_time", openTime(bar));
        map.put("open_time_ms", bar.openTime());
        map.put("open", plain(bar.open()));
        map.put("high", plain(bar.high()));
        map.put("low", plain(bar.low()));
        map.put("close", plain(bar.close()));
        map.put("volume", plain(bar.volume()));
        map.put("vwap", bar.vwap() == null ? null : plain(bar.vwap()));
        map.put("trade_count", bar.trades());
        map.put("quality", bar.quality().label());
        map.put("revision", bar.revision());
        return map;
    }

    /** One record per bar a sink could not take or write (a batch gives several), with the sink and the reason. */
    public List<Map<String, Object>> deadLetters(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = exchange.getProperty(SinkFanOut.DEAD_REASON,
                e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage(), String.class);
        String sink = exchange.getProperty(SinkFanOut.DEAD_SINK, failedSink(exchange), String.class);
        Object body = exchange.getProperty(BARS, exchange.getMessage().getBody(), Object.class);
        List<?> items = body instanceof List<?> list ? list : List.of(body);
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("time", Instant.now().toString());
            record.put("sink", sink);
            record.put("reason", reason);
            record.put("bar", item instanceof Bar bar ? json(bar) : String.valueOf(item));
            records.add(record);
        }
        return records;
    }

    /** The sink whose route gave up: routes are named sink-<name>. */
    private static String failedSink(Exchange exchange) {
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        return route != null && route.startsWith("sink-") ? route.substring("sink-".length()) : route;
    }
}
