package io.caravan.tick;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one place where trades are checked. Every refusal is a {@link TickRejectedException} with a named reason.
 */
@ApplicationScoped
@RegisterForReflection
public class TickValidator {

    static final int MAX_SYMBOL_LENGTH = 64;
    /** Trades remembered per validator for duplicate detection (a few minutes of a busy feed). */
    static final int DEDUPE_WINDOW = 200_000;
    /** Later than this beyond the local clock is a broken timestamp, not a fast exchange clock. */
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_SCALE = 18;
    static final long MAX_FUTURE_MS = 24L * 3600 * 1000;

    private final LongAdder checked = new LongAdder();
    private final Map<String, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUPE_WINDOW;
        }
    };

    public Tick validate(RawTrade trade) {
        checked.increment();
        String symbol = required(trade.symbol(), "symbol", trade);
        checkSymbol(symbol, trade);
        long ts = parseTimestamp(required(trade.ts(), "timestamp", trade), trade);
        BigDecimal price = parseDecimal(required(trade.price(), "price", trade), "price", trade);
        if (price.signum() <= 0) {
            throw reject(RejectReason.NON_POSITIVE_PRICE, "price " + trade.price(), trade);
        }
        BigDecimal size = parseDecimal(required(trade.size(), "size", trade), "size", trade);
        if (size.signum() < 0) {
            throw reject(RejectReason.NEGATIVE_SIZE, "size " + trade.size(), trade);
        }
        Long tradeId = null;
        if (trade.tradeId() != null && !trade.tradeId().isBlank()) {
            try {
                tradeId = Long.parseLong(trade.tradeId().trim());
            } catch (NumberFormatException e) {
                throw reject(RejectReason.NOT_A_NUMBER, "trade id " + trade.tradeId(), trade);
            }
        }
        if (trade.dedupeKey() != null && !firstSighting(trade.provider() + '|' + symbol + '|' + trade.dedupeKey())) {
            throw reject(RejectReason.DUPLICATE, "already received " + trade.dedupeKey(), trade);
        }
        return new Tick(trade.provider(), symbol, ts, price, size, tradeId, trade.seq());
    }

    /**
     * Whether a trade with this duplicate key was already accepted (within the dedupe window). Gap-fill asks before
     * it validates fetched trades: one received live is not a duplicate to report, just not missing.
     */
    public synchronized boolean isKnown(RawTrade trade) {
        return trade.dedupeKey() != null && trade.symbol() != null
                && recent.containsKey(trade.provider() + '|' + trade.symbol().strip() + '|' + trade.dedupeKey());
    }

    /** Trades received from all feeds so far, accepted or not. */
    public long checked() {
        return checked.sum();
    }

    private synchronized boolean firstSighting(String key) {
        return recent.put(key, Boolean.TRUE) == null;
    }

    private static String required(String value, String field, RawTrade trade) {
        if (value == null || value.isBlank()) {
            throw reject(RejectReason.MISSING_FIELD, field, trade);
        }
        // strip(), not trim(): trim() would also cut control characters that the symbol check must see
        return value.strip();
    }

    private static void checkSymbol(String symbol, RawTrade trade) {
        if (symbol.length() > MAX_SYMBOL_LENGTH) {
            throw reject(RejectReason.BAD_SYMBOL, "longer than " + MAX_SYMBOL_LENGTH, trade);
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (Character.isISOControl(c) || c == '|' || Character.isWhitespace(c)) {
                throw reject(RejectReason.BAD_SYMBOL, "control, blank or '|' character", trade);
            }
        }
    }

    private static BigDecimal parseDecimal(String text, String field, RawTrade trade) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw reject(RejectReason.NOT_A_NUMBER, field + " " + text, trade);
        }
        // an exponent like 1e999999999 is a number, but no market quantity: refuse it before arithmetic explodes
        // long arithmetic: with a scale near Integer.MIN_VALUE the int difference overflows and passed the check
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_SCALE) {
            throw reject(RejectReason.NOT_A_NUMBER, field + " out of range " + text, trade);
        }
        return value;
    }

    /** Epoch milliseconds (digits) or ISO-8601 with an offset. */
    static long parseTimestamp(String text, RawTrade trade) {
        long ts;
        if (isDigits(text)) {
            try {
                ts = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw reject(RejectReason.BAD_TIMESTAMP, text, trade);
            }
        } else {
            try {
                ts = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    ts = Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw reject(RejectReason.BAD_TIMESTAMP, text, trade);
                }
            }
        }
        if (ts <= 0 || ts > System.currentTimeMillis() + MAX_FUTURE_MS) {
            throw reject(RejectReason.BAD_TIMESTAMP, "out of range " + text, trade);
        }
        return ts;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static TickRejectedException reject(RejectReason reason, String detail, RawTrade trade) {
        return new TickRejectedException(reason, detail, trade.raw());
    }
}
