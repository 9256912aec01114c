package io.caravan.kline;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.caravan.CaravanConfig;
import io.caravan.bar.Interval;
import io.caravan.feed.FeedSymbols;
import io.caravan.feed.KlineApi;
import io.caravan.feed.KlineRequest;
import io.quarkus.runtime.StartupEvent;

/**
 * The provider, interval and symbols of the kline polls and the reconciliation, checked at startup when either is on:
 * an unknown provider, an interval it has no klines of, or a bad symbol stops startup with the reason.
 */
@ApplicationScoped
public class KlineSettings {

    private final CaravanConfig config;
    private final Instance<KlineApi> apis;
    private final FeedSymbols feedSymbols;
    private KlineApi api;

    public KlineSettings(CaravanConfig config, Instance<KlineApi> apis, FeedSymbols feedSymbols) {
        this.config = config;
        this.apis = apis;
        this.feedSymbols = feedSymbols;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.klines().enabled() || config.reconcile().enabled()) {
            for (String symbol : symbols()) {
                request(symbol, 0, interval().millis());
            }
        }
        if (config.reconcile().enabled()
                && config.intervals().stream().map(Interval::parse).noneMatch(interval()::equals)) {
            throw new IllegalArgumentException("caravan.reconcile: caravan.klines.interval " + interval()
                    + " is not among caravan.intervals " + config.intervals() + ", so there are no bars to compare");
        }
    }

    /** The provider's API, chosen by {@code caravan.klines.provider}. */
    public synchronized KlineApi api() {
        if (api == null) {
            String name = config.klines().provider().trim();
            api = apis.stream().filter(a -> a.provider().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("caravan.klines.provider: unknown provider '"
                            + name + "' (known: " + apis.stream().map(KlineApi::provider).sorted()
                                    .collect(Collectors.joining(", ")) + ")"));
        }
        return api;
    }

    public Interval interval() {
        return Interval.parse(config.klines().interval());
    }

    /** {@code caravan.klines.symbols}, else the symbols of the provider's feed (Finnhub's: the simulator's too). */
    public List<String> symbols() {
        List<String> symbols = config.klines().symbols()
                .orElseGet(() -> "finnhub".equals(api().provider()) ? feedSymbols.ofFinnhubRoute()
                        : feedSymbols.of(api().provider()));
        return symbols.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** One request per symbol for the klines that opened in the last {@code lookbackMillis}, up to now. */
    public List<KlineRequest> requests(long lookbackMillis) {
        long now = System.currentTimeMillis();
        long from = interval().bucketStart(now - lookbackMillis);
        return symbols().stream().map(symbol -> request(symbol, from, now)).toList();
    }

    /** The request for one symbol's klines opening in {@code [from, to]}. */
    public KlineRequest request(String symbol, long from, long to) {
        KlineApi provider = api();
        Interval interval = interval();
        provider.query(symbol, interval, from, to); // refuses an interval or symbol the provider cannot have
        return new KlineRequest(provider.provider(), symbol, provider.barSymbol(symbol), interval, from, to);
    }
}
