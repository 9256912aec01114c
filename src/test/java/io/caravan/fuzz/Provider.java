package io.caravan.fuzz;

/** The wire formats the fuzz suite speaks: three providers' frames, and caravan's replay CSV rows. */
enum Provider {
    FINNHUB,
    BINANCE,
    ALLTICK,
    CSV
}
