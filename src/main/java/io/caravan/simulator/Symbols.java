package io.caravan.simulator;

/** How the simulator tells instrument kinds apart by symbol alone. */
final class Symbols {

    private Symbols() {
    }

    /** Finnhub names crypto (and FX) pairs {@code EXCHANGE:PAIR}, e.g. {@code BINANCE:BTCUSDT}; stocks are bare. */
    static boolean isCrypto(String symbol) {
        return symbol.indexOf(':') > 0;
    }
}
