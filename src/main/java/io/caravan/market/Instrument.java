package io.caravan.market;

/**
 * A normalised instrument: a code and the market it trades in, named {@code <CODE>.<SUFFIX>}: {@code AAPL.US},
 * {@code 700.HK}, {@code 600519.SS}, {@code 000858.SZ}, {@code EURUSD.FX}, and for crypto the venue as suffix,
 * {@code BTCUSDT.BINANCE}: the same pair on two exchanges has two prices.
 *
 * @param code  upper case; Hong Kong codes without leading zeros ({@code 700}, not {@code 0700})
 * @param venue the exchange of a crypto pair (BINANCE, COINBASE, ...); null for other markets
 */
public record Instrument(String code, Market market, String venue) {

    /** The normalised id, e.g. {@code AAPL.US}, {@code BTCUSDT.BINANCE}. */
    public String id() {
        return code + "." + market.suffix().orElse(venue);
    }

    @Override
    public String toString() {
        return id();
    }
}
