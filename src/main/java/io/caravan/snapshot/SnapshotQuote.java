package io.caravan.snapshot;

import java.math.BigDecimal;
import java.util.Map;

import io.caravan.quote.Quote;
import io.caravan.quote.QuoteFields;

/**
 * One symbol's quote as a snapshot endpoint reports it, exact decimals as sent.
 *
 * @param provider      the codec's provider name, written as the hash's {@code feed}
 * @param previousClose null when the provider does not know it
 * @param volume        the day's volume so far
 * @param time          the last trade's time, epoch milliseconds UTC
 */
public record SnapshotQuote(String provider, String symbol, BigDecimal last, BigDecimal previousClose, BigDecimal open,
        BigDecimal high, BigDecimal low, BigDecimal volume, long time) {

    /** Written as {@code source}, so a snapshot tells itself apart from a quote of live trades. */
    public static final String SOURCE = "snapshot";

    /**
     * The fields of its {@code quote:<SYMBOL>} hash: the live quote's names ({@code price}, {@code time_ms},
     * {@code day_volume}, {@code prev_close}, {@code change}, ...) plus {@code open}, {@code high}, {@code low},
     * {@code source} and {@code updated_ms}, the round that wrote it. A snapshot has no last trade size, so
     * {@code size} is left out.
     */
    public Map<String, Object> fields(long roundTime) {
        Map<String, Object> fields = QuoteFields.of(new Quote(symbol, provider, last, null, time, volume, previousClose, 0));
        fields.put("open", open.toPlainString());
        fields.put("high", high.toPlainString());
        fields.put("low", low.toPlainString());
        fields.put("source", SOURCE);
        fields.put("updated_ms", roundTime);
        return fields;
    }
}
