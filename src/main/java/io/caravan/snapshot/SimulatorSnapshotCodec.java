package io.caravan.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.feed.KlineCheck;
import io.caravan.feed.WireJson;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * The built-in simulator's snapshot answer,
 * {@code {"s":"ok","t":..,"quotes":[{"symbol":..,"c":..,"pc":..,"o":..,"h":..,"l":..,"v":..,"t":..}]}}: Finnhub's
 * quote field names, many symbols per answer; {@code pc} may be null. Numbers may be JSON numbers or strings.
 */
@ApplicationScoped
@Named("simulatorSnapshotCodec")
public class SimulatorSnapshotCodec implements SnapshotCodec {

    static final String PROVIDER = "simulator";

    /** A quote time this far ahead of the clock is a broken clock or a broken field. */
    private static final long MAX_FUTURE_MILLIS = 86_400_000L;

    @Override
    public SnapshotAnswer decode(String body) {
        JsonNode root = WireJson.parse(body);
        if (root.has("error")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR, WireJson.text(root, "error"), body);
        }
        String status = WireJson.text(root, "s");
        if (!"ok".equals(status)) {
            throw new TickRejectedException(RejectReason.MALFORMED, "status " + status, body);
        }
        JsonNode entries = root.get("quotes");
        if (entries == null || !entries.isArray()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, "array quotes", body);
        }
        List<SnapshotQuote> quotes = new ArrayList<>(entries.size());
        List<TickRejectedException> rejects = new ArrayList<>();
        for (JsonNode entry : entries) {
            try {
                quotes.add(quote(entry, entry.toString()));
            } catch (TickRejectedException e) {
                rejects.add(e);
            }
        }
        return new SnapshotAnswer(quotes, rejects);
    }

    private static SnapshotQuote quote(JsonNode entry, String raw) {
        if (!entry.isObject()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "a quote that is not an object", raw);
        }
        String symbol = WireJson.text(entry, "symbol");
        if (symbol == null || symbol.isBlank()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, "symbol", raw);
        }
        BigDecimal last = number(entry, "c", symbol, raw);
        String previous = WireJson.text(entry, "pc");
        BigDecimal previousClose = previous == null ? null : KlineCheck.decimal(previous, symbol + " pc", raw);
        BigDecimal open = number(entry, "o", symbol, raw);
        BigDecimal high = number(entry, "h", symbol, raw);
        BigDecimal low = number(entry, "l", symbol, raw);
        BigDecimal volume = number(entry, "v", symbol, raw);
        long time = KlineCheck.millis(WireJson.text(entry, "t"), symbol + " t", raw);
        if (last.signum() <= 0 || low.signum() <= 0 || (previousClose != null && previousClose.signum() <= 0)) {
            throw new TickRejectedException(RejectReason.NON_POSITIVE_PRICE, symbol + " last " + last + ", low " + low
                    + ", previous close " + previousClose, raw);
        }
        if (volume.signum() < 0) {
            throw new TickRejectedException(RejectReason.NEGATIVE_SIZE, symbol + " volume " + volume, raw);
        }
        if (time <= 0 || time > System.currentTimeMillis() + MAX_FUTURE_MILLIS) {
            throw new TickRejectedException(RejectReason.BAD_TIMESTAMP, symbol + " t " + time, raw);
        }
        if (high.compareTo(low) < 0 || last.compareTo(high) > 0 || last.compareTo(low) < 0
                || open.compareTo(high) > 0 || open.compareTo(low) < 0) {
            throw new TickRejectedException(RejectReason.MALFORMED, symbol + " open/last outside low..high at "
                    + Instant.ofEpochMilli(time), raw);
        }
        return new SnapshotQuote(PROVIDER, symbol, last, previousClose, open, high, low, volume, time);
    }

    private static BigDecimal number(JsonNode entry, String field, String symbol, String raw) {
        return KlineCheck.decimal(WireJson.text(entry, field), symbol + " " + field, raw);
    }
}
