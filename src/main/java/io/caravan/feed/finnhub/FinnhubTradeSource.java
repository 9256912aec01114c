package io.caravan.feed.finnhub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedSymbols;
import io.caravan.feed.gap.RestGet;
import io.caravan.feed.gap.TradeSource;
import io.caravan.tick.RawTrade;

/**
 * The Finnhub route's trades over REST: a tick endpoint in Finnhub's shape at {@code caravan.gap-fill.finnhub-url}
 * (by default the simulator's, when the simulator feed runs). Finnhub's own tick data is a premium, date-based
 * endpoint: with the real service there is no source unless one is configured.
 */
@ApplicationScoped
public class FinnhubTradeSource implements TradeSource {

    static final String TICK_PATH = "/api/v1/stock/tick";

    private final FeedSymbols symbols;
    private final FinnhubTickCodec codec;
    private final RestGet rest;
    private final Optional<String> url;
    private final String token;

    public FinnhubTradeSource(CaravanConfig config, FeedSymbols symbols, FinnhubTickCodec codec, RestGet rest) {
        this.symbols = symbols;
        this.codec = codec;
        this.rest = rest;
        this.url = config.gapFill().finnhubUrl().or(() -> config.feeds().stream().map(String::trim)
                .anyMatch("simulator"::equals)
                        ? Optional.of("http://" + config.simulator().host() + ":" + config.simulator().port())
                        : Optional.empty())
                .map(u -> (u.endsWith("/") ? u.substring(0, u.length() - 1) : u) + TICK_PATH);
        this.token = config.finnhub().token().orElse("");
    }

    @Override
    public String provider() {
        return FinnhubCodec.PROVIDER;
    }

    @Override
    public boolean available() {
        return url.isPresent();
    }

    @Override
    public List<String> symbols() {
        return symbols.ofFinnhubRoute();
    }

    @Override
    public List<RawTrade> fetch(String symbol, long after, long before) {
        Map<String, String> headers = token.isBlank() ? Map.of() : Map.of("X-Finnhub-Token", token);
        List<RawTrade> trades = new ArrayList<>();
        long total;
        do {
            String body = rest.get(url.orElseThrow(), "symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                    + "&from=" + (after + 1) + "&to=" + before + "&skip=" + trades.size(), headers);
            FinnhubTickCodec.Page page = codec.decode(symbol, body);
            trades.addAll(page.trades());
            total = page.total();
            if (page.trades().isEmpty()) {
                break;
            }
        } while (trades.size() < total);
        return trades;
    }
}
