package io.caravan.feed.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Binance trade streams of a symbol list (and their {@code @kline_1m} streams when asked), grouped into connections of at most {@value #MAX_STREAMS_PER_CONNECTION}
 * streams (Binance's limit), each group as the value of {@code streams=} in {@code /stream?streams=..}.
 */
public final class BinanceStreams {

    public static final int MAX_STREAMS_PER_CONNECTION = 1024;

    private static final Pattern BINANCE_SYMBOL = Pattern.compile("[A-Za-z0-9]+");

    private BinanceStreams() {
    }

    /**
     * @param symbols Binance symbols ({@code BTCUSDT}, any case); a Finnhub-style {@code BINANCE:BTCUSDT} is taken as
     *                {@code BTCUSDT}
     * @return one {@code a@trade/b@trade} value per connection, in symbol order
     * @throws IllegalArgumentException for an empty list or a symbol Binance cannot have
     */
    public static List<String> perConnection(List<String> symbols, int maxStreamsPerConnection) {
        return perConnection(symbols, maxStreamsPerConnection, false);
    }

    /**
     * @param klines also each symbol's {@code @kline_1m} stream, next to its {@code @trade} stream (both count
     *               towards the streams of a connection)
     */
    public static List<String> perConnection(List<String> symbols, int maxStreamsPerConnection, boolean klines) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("caravan.feed.binance.symbols (or caravan.symbols) names no symbol");
        }
        List<String> streams = new ArrayList<>();
        for (String symbol : symbols) {
            String name = symbol.substring(symbol.indexOf(':') + 1);
            if (!BINANCE_SYMBOL.matcher(name).matches()) {
                throw new IllegalArgumentException("Binance symbol '" + symbol + "' is not letters and digits");
            }
            String stream = name.toLowerCase(Locale.ROOT) + "@trade";
            if (!streams.contains(stream)) {
                streams.add(stream);
                if (klines) {
                    streams.add(name.toLowerCase(Locale.ROOT) + "@kline_1m");
                }
            }
        }
        List<String> connections = new ArrayList<>();
        for (int from = 0; from < streams.size(); from += maxStreamsPerConnection) {
            connections.add(String.join("/", streams.subList(from, Math.min(streams.size(), from + maxStreamsPerConnection))));
        }
        return connections;
    }
}
