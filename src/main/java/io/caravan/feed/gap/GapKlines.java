package io.caravan.feed.gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;
import io.caravan.bar.Interval;
import io.caravan.feed.FeedSymbols;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineApi;
import io.caravan.http.RestBase;

/**
 * A provider's klines of the base interval, for the gaps of a feed that has no trades endpoint (the real Finnhub,
 * AllTick): asked of the provider's REST kline API ({@link KlineApi}, as the kline polls ask it; a token goes in a
 * header, or for AllTick in the query, which {@link RestGet} never lets into a log line or a dead letter) at {@code caravan.gap-fill.kline-url.<provider>}, by default the REST host that goes
 * with the feed's WebSocket URL.
 */
@ApplicationScoped
public class GapKlines {

    private final Map<String, KlineApi> apis;
    private final CaravanConfig config;
    private final FeedSymbols symbols;
    private final RestGet rest;

    public GapKlines(Instance<KlineApi> apis, CaravanConfig config, FeedSymbols symbols, RestGet rest) {
        this.apis = apis.stream().collect(Collectors.toMap(KlineApi::provider, Function.identity()));
        this.config = config;
        this.symbols = symbols;
        this.rest = rest;
    }

    /**
     * Why the provider's klines cannot fill gaps of bars of this interval (no such klines, no token), or null when
     * they can.
     */
    public String unusable(String provider, Interval interval) {
        KlineApi api = apis.get(provider);
        if (api == null) {
            return provider + " has no REST klines here";
        }
        try {
            api.query(symbols.ofProvider(provider).stream().findFirst().orElse("X"), interval, 0, interval.millis());
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Base URL of the provider's REST klines. */
    String url(String provider) {
        String configured = config.gapFill().klineUrl().get(provider);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return switch (provider) {
            case "binance" -> config.gapFill().binanceUrl().orElseGet(() -> RestBase.of(config.binance().url()));
            case "alltick" -> RestBase.of(config.alltick().stockUrl());
            default -> config.feeds().stream().map(String::trim).anyMatch("simulator"::equals)
                    ? "http://" + config.simulator().host() + ":" + config.simulator().port()
                    : RestBase.of(config.finnhub().url());
        };
    }

    /**
     * Every symbol of the provider's feed: its klines that open in {@code [from, to]} and hold trades, as whole bars.
     *
     * @throws IllegalArgumentException when the provider has no klines of that interval
     */
    public List<Bar> fetch(String provider, Interval interval, long from, long to) {
        KlineApi api = apis.get(provider);
        String base = url(provider);
        List<Bar> bars = new ArrayList<>();
        for (String symbol : symbols.ofProvider(provider)) {
            KlineApi.Query query = api.query(symbol, interval, from, to);
            String body = rest.get(RestBase.join(base, query.path()), query.query(), query.headers());
            for (Kline kline : api.codec().decode(api.barSymbol(symbol), interval, body)) {
                if (kline.openTime() >= from && kline.openTime() <= to && kline.volume().signum() > 0) {
                    bars.add(kline.toBar());
                }
            }
        }
        return bars;
    }
}
