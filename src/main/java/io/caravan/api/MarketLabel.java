package io.caravan.api;

/**
 * The market column of the quotes board, from the symbol alone: {@code BINANCE:...} is CRYPTO, anything else US.
 * A stand-in until symbols carry their market (the providers issue adds a symbol scheme); this is the one place
 * to change then.
 */
public final class MarketLabel {

    private MarketLabel() {
    }

    public static String of(String symbol) {
        return symbol.startsWith("BINANCE:") ? "CRYPTO" : "US";
    }
}
