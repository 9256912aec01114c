package io.caravan.feed.binance;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.bar.Interval;
import io.caravan.feed.KlineApi;
import io.caravan.feed.KlineCodec;

/**
 * Binance's {@code GET /api/v3/klines?symbol=&interval=&startTime=&endTime=&limit=1000} (market data: no key). A
 * Finnhub-style {@code BINANCE:BTCUSDT} asks for {@code BTCUSDT}, and its bars are stored as {@code BTCUSDT}, the
 * name the Binance feed's bars carry.
 */
@ApplicationScoped
public class BinanceKlineApi implements KlineApi {

    private static final Map<Long, String> INTERVALS = Map.ofEntries(Map.entry(1_000L, "1s"),
            Map.entry(60_000L, "1m"), Map.entry(180_000L, "3m"), Map.entry(300_000L, "5m"),
            Map.entry(900_000L, "15m"), Map.entry(1_800_000L, "30m"), Map.entry(3_600_000L, "1h"),
            Map.entry(7_200_000L, "2h"), Map.entry(14_400_000L, "4h"), Map.entry(21_600_000L, "6h"),
            Map.entry(28_800_000L, "8h"), Map.entry(43_200_000L, "12h"), Map.entry(86_400_000L, "1d"));

    private final BinanceKlineCodec codec;

    public BinanceKlineApi(BinanceKlineCodec codec) {
        this.codec = codec;
    }

    @Override
    public String provider() {
        return "binance";
    }

    @Override
    public KlineCodec codec() {
        return codec;
    }

    @Override
    public Query query(String symbol, Interval interval, long fromMillis, long toMillis) {
        String name = INTERVALS.get(interval.millis());
        if (name == null) {
            throw new IllegalArgumentException("Binance has no " + interval + " klines");
        }
        return new Query("/api/v3/klines", "symbol=" + barSymbol(symbol) + "&interval=" + name + "&startTime="
                + fromMillis + "&endTime=" + toMillis + "&limit=1000", Map.of());
    }

    @Override
    public String barSymbol(String symbol) {
        String name = symbol.substring(symbol.indexOf(':') + 1).toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("Binance symbol '" + symbol + "' is not letters and digits");
        }
        return name;
    }
}
