package io.caravan.feed.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedSymbols;
import io.caravan.feed.gap.RestGet;
import io.caravan.feed.gap.TradeSource;
import io.caravan.http.RestBase;
import io.caravan.tick.RawTrade;

/**
 * Binance's trades over REST: {@code /api/v3/aggTrades}, public, no key. The first request selects by time (Binance
 * allows at most one hour between {@code startTime} and {@code endTime}), the next pages on with {@code fromId}
 * until a trade at or after the gap's end. The REST host follows the WebSocket one unless
 * {@code caravan.gap-fill.binance-url} says otherwise: {@code stream.binance.com} → {@code api.binance.com},
 * {@code data-stream.binance.vision} → {@code data-api.binance.vision}, the simulator → the simulator.
 */
@ApplicationScoped
public class BinanceTradeSource implements TradeSource {

    static final String PATH = "/api/v3/aggTrades";
    static final int LIMIT = 1000;
    private static final long HOUR = 3_600_000L;

    private final FeedSymbols symbols;
    private final BinanceAggTradeCodec codec;
    private final RestGet rest;
    private final String url;

    public BinanceTradeSource(CaravanConfig config, FeedSymbols symbols, BinanceAggTradeCodec codec, RestGet rest) {
        this.symbols = symbols;
        this.codec = codec;
        this.rest = rest;
        String base = config.gapFill().binanceUrl().orElseGet(() -> RestBase.of(config.binance().url()));
        this.url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH;
    }

    @Override
    public String provider() {
        return BinanceCodec.PROVIDER;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<String> symbols() {
        return symbols.of("binance");
    }

    @Override
    public String tickSymbol(String feedSymbol) {
        return feedSymbol.toUpperCase(Locale.ROOT);
    }

    @Override
    public List<RawTrade> fetch(String feedSymbol, long after, long before) {
        String symbol = tickSymbol(feedSymbol);
        List<RawTrade> trades = new ArrayList<>();
        // from the gap's start inclusive: a trade at that time may be one Binance sent after the connection died
        // (one message per trade); GapFill skips those already received
        long windowStart = after;
        BinanceAggTradeCodec.Page page;
        // find the first trade of the gap, an hour at a time
        do {
            long windowEnd = Math.min(before - 1, windowStart + HOUR - 1);
            page = codec.decode(symbol, rest.get(url, "symbol=" + symbol + "&startTime=" + windowStart + "&endTime="
                    + windowEnd + "&limit=" + LIMIT, Map.of()));
            windowStart = windowEnd + 1;
        } while (page.trades().isEmpty() && windowStart < before);
        // then page on by id until a trade at or after the gap's end, or none left
        while (!page.trades().isEmpty()) {
            for (RawTrade t : page.trades()) {
                if (Long.parseLong(t.ts()) < before) {
                    trades.add(t);
                }
            }
            if (page.lastTime() >= before) {
                break;
            }
            page = codec.decode(symbol, rest.get(url, "symbol=" + symbol + "&fromId=" + (page.lastId() + 1)
                    + "&limit=" + LIMIT, Map.of()));
        }
        return trades;
    }
}
