package io.caravan.support;

import com.fasterxml.jackson.databind.JsonNode;

/** Rows of {@code GET /api/quotes}. */
public final class QuoteRows {

    private QuoteRows() {
    }

    /** The row of {@code symbol}; fails when there is none. */
    public static JsonNode find(JsonNode quotes, String symbol) {
        for (JsonNode q : quotes) {
            if (symbol.equals(q.get("symbol").asText())) {
                return q;
            }
        }
        throw new AssertionError(symbol + " not in " + quotes);
    }
}
