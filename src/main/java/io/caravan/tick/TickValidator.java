package io.caravan.tick;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one place where trades are checked. Every refusal is a {@link TickRejectedException} with a named reason.
 * Numbers and timestamps are bounded before they are converted ({@link BoundedDecimal}, {@link #MAX_TIMESTAMP_CHARS}),
 * so no input costs more than a few microseconds.
 */
@ApplicationScoped
@RegisterForReflection
public class TickValidator {

    static final int MAX_SYMBOL_LENGTH = 64;
    /**
     * Of UTF-8 (an unpaired surrogate counts three, as the CSV sink writes it): a sink must be able to store every
     * symbol admitted, and a CSV file name spends up to three characters a byte within a file system's 255.
     */
    static final int MAX_SYMBOL_BYTES = 64;
    /** Longer is no timestamp ("+999999999-12-31T23:59:59.999999999+18:00" is 41). */
    static final int MAX_TIMESTAMP_CHARS = 64;
    /** Trades remembered per validator for duplicate detection (a few minutes of a busy feed). */
    static final int DEDUPE_WINDOW = 200_000;
    /** Later than this beyond the local clock is a broken timestamp, not a fast exchange clock. */
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
        if (trade.symbol() == null && trade.ts() == null && trade.price() == null && trade.size() == null) {
            // a frame's element that is no trade object at all (a number, a string, an array)
            throw reject(RejectReason.MALFORMED, "not a trade", trade);
        }
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
                throw reject(RejectReason.NOT_A_NUMBER, "trade id " + Excerpt.of(trade.tradeId()), trade);
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
        Optional<String> problem = symbolProblem(symbol);
        if (problem.isPresent()) {
            throw reject(RejectReason.BAD_SYMBOL, problem.get(), trade);
        }
    }

    /**
     * What is wrong with a (stripped, non-blank) symbol, or empty when it is one: the rule for trades and for the
     * configured symbol lists alike.
     */
    public static Optional<String> symbolProblem(String symbol) {
        if (symbol.length() > MAX_SYMBOL_LENGTH) {
            return Optional.of("longer than " + MAX_SYMBOL_LENGTH + " characters");
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (Character.isISOControl(c) || c == '|' || Character.isWhitespace(c)) {
                return Optional.of("control, blank or '|' character");
            }
        }
        // a char is at most 3 bytes of UTF-8 (a pair of surrogates 4): a short symbol needs no count, and every
        // trade's symbol passes here
        if (symbol.length() > MAX_SYMBOL_BYTES / 3 && storedBytes(symbol) > MAX_SYMBOL_BYTES) {
            return Optional.of("longer than " + MAX_SYMBOL_BYTES + " bytes of UTF-8 (a sink could not store it)");
        }
        return Optional.empty();
    }

    /** UTF-8 length as the CSV sink encodes it (io.caravan.sink.SymbolFileName): an unpaired surrogate is three. */
    private static int storedBytes(String symbol) {
        int bytes = 0;
        for (int i = 0; i < symbol.length();) {
            int cp = symbol.codePointAt(i);
            i += Character.charCount(cp);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return bytes;
    }

    private static BigDecimal parseDecimal(String text, String field, RawTrade trade) {
        try {
            // bounded before conversion: an exponent like 1e999999999 is a number, but no market quantity
            return BoundedDecimal.parse(text);
        } catch (NumberFormatException e) {
            throw reject(RejectReason.NOT_A_NUMBER, field + " " + e.getMessage() + ": " + Excerpt.of(text), trade);
        }
    }

    /** Epoch milliseconds (digits) or ISO-8601 with an offset. */
    static long parseTimestamp(String text, RawTrade trade) {
        if (text.length() > MAX_TIMESTAMP_CHARS) {
            throw reject(RejectReason.BAD_TIMESTAMP, "longer than " + MAX_TIMESTAMP_CHARS + " characters: "
                    + Excerpt.of(text), trade);
        }
        long ts;
        if (isDigits(text)) {
            try {
                ts = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw reject(RejectReason.BAD_TIMESTAMP, text, trade);
            }
        } else {
            try {
                ts = epochMillis(text);
            } catch (DateTimeException | ArithmeticException e) {
                // ArithmeticException: a date Instant can hold, but not as epoch milliseconds (+999999999-12-31)
                throw reject(RejectReason.BAD_TIMESTAMP, text, trade);
            }
        }
        if (ts <= 0 || ts > System.currentTimeMillis() + MAX_FUTURE_MS) {
            throw reject(RejectReason.BAD_TIMESTAMP, "out of range " + text, trade);
        }
        return ts;
    }

    private static long epochMillis(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return Instant.parse(iso).toEpochMilli();
        }
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
