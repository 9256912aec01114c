package io.caravan.tick;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.caravan.metrics.IngestMetrics;

/**
 * Builds dead-letter records ({@code time, feed, reason, detail, raw}) and counts them by reason. A record is bounded:
 * {@code raw} keeps the first {@link #MAX_RAW_CHARS} characters of a longer input and {@code rawLength} its length,
 * {@code detail} at most about {@link #MAX_DETAIL_CHARS}, so a huge hostile input is a small record, not a line of
 * hundreds of megabytes.
 */
@ApplicationScoped
@Named("deadLetters")
public class DeadLetters {

    /** The reason of a record whose cause was an unexpected exception, not a refusal by a rule. */
    public static final String ERROR = "error";
    static final int MAX_RAW_CHARS = 4_096;
    static final int MAX_DETAIL_CHARS = 1_024;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final IngestMetrics metrics;

    public DeadLetters(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A dead letter of its own (the snapshot hub's), counted here but not in the trades' refusal metric
     * ({@code caravan_ticks_rejected_total}).
     */
    public static DeadLetters apartFromTrades() {
        return new DeadLetters(null);
    }

    public Map<String, Object> record(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason;
        String detail;
        String raw = exchange.getProperty(TickRoutes.RAW_PROPERTY, String.class);
        // a trade the bar aggregator refused (a closed bucket) comes wrapped in Camel's aggregation error
        if (e != null && !(e instanceof TickRejectedException) && e.getCause() instanceof TickRejectedException cause) {
            e = cause;
        }
        if (e instanceof TickRejectedException rejected) {
            reason = rejected.reason().label();
            detail = rejected.getMessage();
            if (raw == null) {
                // refused before it became a trade (codec); after that the trade's own text is in the property
                raw = rejected.raw();
            }
        } else {
            reason = ERROR;
            detail = e == null ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int rawLength = raw == null ? 0 : raw.length();
        if (raw == null) {
            Object body = exchange.getMessage().getBody();
            rawLength = length(body);
            raw = body == null ? null : body instanceof Collection<?> items ? start(items) : body.toString();
        }
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        if (metrics != null) {
            metrics.rejected(reason);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("feed", exchange.getFromRouteId());
        record.put("reason", reason);
        record.put("detail", Excerpt.of(detail, MAX_DETAIL_CHARS));
        record.put("raw", raw == null ? null : Excerpt.prefix(raw, MAX_RAW_CHARS));
        if (rawLength > MAX_RAW_CHARS) {
            record.put("rawLength", rawLength);
        }
        return record;
    }

    /** Characters of the body as text; of a chunk of lines (a whole replay chunk that failed), without joining them. */
    private static int length(Object body) {
        if (body instanceof Collection<?> items) {
            long chars = 2;
            for (Object item : items) {
                chars += String.valueOf(item).length() + 2;
            }
            return (int) Math.min(Integer.MAX_VALUE, chars - (items.isEmpty() ? 0 : 2));
        }
        return body == null ? 0 : body.toString().length();
    }

    /** The first items of a collection as its toString would give them, up to what a record keeps. */
    private static String start(Collection<?> items) {
        StringBuilder text = new StringBuilder("[");
        for (Object item : items) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(Excerpt.prefix(String.valueOf(item), MAX_RAW_CHARS));
            if (text.length() >= MAX_RAW_CHARS) {
                return text.toString();
            }
        }
        return text.append(']').toString();
    }

    /** Rejections so far by reason. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, n) -> snapshot.put(reason, n.sum()));
        return snapshot;
    }

    /** Records whose cause was an unexpected exception ({@link #ERROR}): trades lost to a fault, not to a rule. */
    public long errors() {
        LongAdder errors = counts.get(ERROR);
        return errors == null ? 0 : errors.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
