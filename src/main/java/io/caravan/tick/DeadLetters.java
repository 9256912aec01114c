package io.caravan.tick;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.ClosedCorrelationKeyException;

import io.caravan.metrics.IngestMetrics;

/** Builds dead-letter records ({@code time, feed, reason, detail, raw}) and counts them by reason. */
@ApplicationScoped
@Named("deadLetters")
public class DeadLetters {

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
        if (e instanceof TickRejectedException rejected) {
            reason = rejected.reason().label();
            detail = rejected.getMessage();
            if (raw == null) {
                // refused before it became a trade (codec); after that the trade's own text is in the property
                raw = rejected.raw();
            }
        } else if (e instanceof ClosedCorrelationKeyException closed) {
            reason = RejectReason.LATE.label();
            detail = "bar " + closed.getCorrelationKey() + " already closed";
        } else {
            reason = "error";
            detail = e == null ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (raw == null) {
            Object body = exchange.getMessage().getBody();
            raw = body == null ? null : body.toString();
        }
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        if (metrics != null) {
            metrics.rejected(reason);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("feed", exchange.getFromRouteId());
        record.put("reason", reason);
        record.put("detail", detail);
        record.put("raw", raw);
        return record;
    }

    /** Rejections so far by reason. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, n) -> snapshot.put(reason, n.sum()));
        return snapshot;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
