package io.caravan.market;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The normalised instrument of a provider's native symbol. Ticks keep their symbol as the provider (and the user's
 * configuration) named it; this is the one place that knows which market a symbol belongs to.
 * <ul>
 * <li>binance: every symbol is a Binance pair: {@code BTCUSDT} is {@code BTCUSDT.BINANCE}.</li>
 * <li>alltick: stock codes carry their market ({@code AAPL.US}, {@code 700.HK}, {@code 00700.HK} is {@code 700.HK},
 * {@code 600519.SH} is {@code 600519.SS}, {@code 000858.SZ}); codes without one are FX when both halves are
 * currencies or metals ({@code EURUSD}, {@code XAUUSD} are {@code EURUSD.FX}, {@code XAUUSD.FX}), else crypto pairs
 * on AllTick ({@code BTCUSDT.ALLTICK}).</li>
 * <li>finnhub, the simulator, replay and anything else: {@code EXCHANGE:PAIR} is an FX pair for FX brokers
 * ({@code OANDA:EUR_USD} is {@code EURUSD.FX}) and a crypto pair on that exchange otherwise
 * ({@code BINANCE:BTCUSDT} is {@code BTCUSDT.BINANCE}); a symbol already in normalised form keeps it
 * ({@code 700.HK}, {@code 600519.SS}); a bare symbol is a US stock ({@code AAPL} is {@code AAPL.US}).</li>
 * </ul>
 */
public final class Instruments {

    private static final Set<String> FX_BROKERS = Set.of("OANDA", "FXCM", "FOREX", "FXPRO", "ICMTRADER", "PEPPERSTONE",
            "FX", "FX_IDC");
    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "JPY", "GBP", "AUD", "CAD", "CHF", "NZD", "CNH",
            "CNY", "HKD", "SGD", "SEK", "NOK", "DKK", "MXN", "ZAR", "TRY", "PLN", "XAU", "XAG", "XPT", "XPD");
    private static final Map<String, Market> SUFFIXES = Map.of("US", Market.US, "HK", Market.HK, "SS", Market.SH,
            "SH", Market.SH, "SZ", Market.SZ, "FX", Market.FX);
    private static final Set<String> VENUES = Set.of("BINANCE", "COINBASE", "KRAKEN", "BITFINEX", "BITSTAMP", "OKX",
            "BYBIT", "HUOBI", "GEMINI", "KUCOIN", "ALLTICK");

    /** provider → symbol → instrument: resolved once, then a lookup per tick without allocation */
    private static final Map<String, Map<String, Instrument>> CACHE = new ConcurrentHashMap<>();

    private Instruments() {
    }

    /** The instrument a provider's symbol names; {@code provider} as carried by ticks (binance, alltick, finnhub, ...). */
    public static Instrument of(String provider, String symbol) {
        return CACHE.computeIfAbsent(provider == null ? "" : provider, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(symbol, key -> resolve(provider, symbol));
    }

    /** A normalised id ({@code AAPL.US}, {@code BTCUSDT.BINANCE}) as an instrument, or null when it is not one. */
    public static Instrument parse(String id) {
        int dot = id.lastIndexOf('.');
        if (dot <= 0 || dot == id.length() - 1) {
            return null;
        }
        String code = id.substring(0, dot).toUpperCase(Locale.ROOT);
        String suffix = id.substring(dot + 1).toUpperCase(Locale.ROOT);
        Market market = SUFFIXES.get(suffix);
        if (market != null) {
            return new Instrument(market == Market.HK ? withoutLeadingZeros(code) : code, market, null);
        }
        return VENUES.contains(suffix) ? new Instrument(code, Market.CRYPTO, suffix) : null;
    }

    private static Instrument resolve(String provider, String symbol) {
        String s = symbol.trim().toUpperCase(Locale.ROOT);
        switch (provider == null ? "" : provider) {
            case "binance" -> {
                return new Instrument(s, Market.CRYPTO, "BINANCE");
            }
            case "alltick" -> {
                if (s.indexOf('.') < 0) {
                    return isCurrencyPair(s) ? new Instrument(s, Market.FX, null)
                            : new Instrument(s, Market.CRYPTO, "ALLTICK");
                }
            }
            default -> {
                int colon = s.indexOf(':');
                if (colon > 0) {
                    String exchange = s.substring(0, colon);
                    String pair = s.substring(colon + 1).replace("_", "").replace("/", "").replace("-", "");
                    return FX_BROKERS.contains(exchange) ? new Instrument(pair, Market.FX, null)
                            : new Instrument(pair, Market.CRYPTO, exchange);
                }
            }
        }
        Instrument parsed = parse(s);
        return parsed != null ? parsed : new Instrument(s, Market.US, null);
    }

    private static boolean isCurrencyPair(String s) {
        return s.length() == 6 && CURRENCIES.contains(s.substring(0, 3)) && CURRENCIES.contains(s.substring(3));
    }

    private static String withoutLeadingZeros(String code) {
        return code.replaceFirst("^0+(?=.)", "");
    }
}
