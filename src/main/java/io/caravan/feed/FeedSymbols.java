package io.caravan.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;

/** The symbols each feed subscribes to: {@code caravan.feed.<name>.symbols}, else {@code caravan.symbols}. */
@ApplicationScoped
public class FeedSymbols {

    private final CaravanConfig config;

    public FeedSymbols(CaravanConfig config) {
        this.config = config;
    }

    /** Trimmed, without blanks or repeats, in configured order. */
    public List<String> of(String feed) {
        CaravanConfig.Feed settings = config.feed().get(feed);
        List<String> symbols = settings != null && settings.symbols().isPresent() ? settings.symbols().get()
                : config.symbols();
        return symbols.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The symbols of the feed whose ticks carry this provider name: the Finnhub route's for {@code finnhub}. */
    public List<String> ofProvider(String provider) {
        return "finnhub".equals(provider) ? ofFinnhubRoute() : of(provider);
    }

    /** The Finnhub route serves feed {@code simulator} or {@code finnhub}, whichever is named in caravan.feeds. */
    public List<String> ofFinnhubRoute() {
        boolean simulator = config.feeds().stream().map(String::trim).anyMatch("simulator"::equals);
        return of(simulator ? "simulator" : "finnhub");
    }
}
