package io.caravan.feed.gap;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.Interval;
import io.quarkus.runtime.StartupEvent;

/**
 * Where each provider's gaps are filled from: {@code caravan.gap-fill.source.<provider>}, else its trades where a
 * trades endpoint is known ({@link TradeSource}), else its klines ({@link GapKlines}), else nowhere.
 */
@ApplicationScoped
public class GapSources {

    public enum Source {
        TRADES, KLINES, NONE
    }

    private static final Logger LOG = Logger.getLogger(GapSources.class);

    private final CaravanConfig config;
    private final Map<String, TradeSource> trades;
    private final GapKlines klines;
    private final Interval base;

    public GapSources(CaravanConfig config, Instance<TradeSource> trades, GapKlines klines, BarIntervals intervals) {
        this.config = config;
        this.trades = trades.stream().collect(Collectors.toMap(TradeSource::provider, Function.identity()));
        this.klines = klines;
        this.base = intervals.base();
    }

    /** A wrong {@code caravan.gap-fill.source.*} stops startup with the reason; each live feed's source is logged. */
    void onStart(@Observes StartupEvent event) {
        config.gapFill().source().keySet().forEach(this::of);
        if (config.gapFill().enabled()) {
            config.feeds().stream().map(String::trim).filter(LIVE_FEEDS::containsKey).map(LIVE_FEEDS::get).distinct()
                    .forEach(provider -> LOG.infof("Gaps of %s are filled from %s", provider, describe(provider)));
        }
    }

    /** Live feeds (caravan.feeds) and the provider their ticks carry. */
    private static final Map<String, String> LIVE_FEEDS = Map.of("simulator", "finnhub", "finnhub", "finnhub",
            "binance", "binance", "alltick", "alltick");

    /** Where the provider's gaps are filled from, in words for the log. */
    public String describe(String provider) {
        String unusable = klines.unusable(provider, base);
        return switch (of(provider)) {
            case TRADES -> "its REST trades";
            case KLINES -> "its " + base + " REST klines";
            case NONE -> "nowhere: " + (unusable == null ? "caravan.gap-fill.source." + provider + "=none"
                    : "no REST trades, and " + unusable);
        };
    }

    /** The provider's trades endpoint, null when it has none. */
    public TradeSource trades(String provider) {
        TradeSource source = trades.get(provider);
        return source != null && source.available() ? source : null;
    }

    public Source of(String provider) {
        boolean tradesKnown = trades(provider) != null;
        String configured = config.gapFill().source().get(provider);
        if (configured == null || configured.isBlank()) {
            return tradesKnown ? Source.TRADES : klines.unusable(provider, base) == null ? Source.KLINES : Source.NONE;
        }
        Source source;
        try {
            source = Source.valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("caravan.gap-fill.source." + provider + " must be trades, klines or "
                    + "none, not '" + configured + "'");
        }
        if (source == Source.TRADES && !tradesKnown) {
            throw new IllegalArgumentException("caravan.gap-fill.source." + provider + "=trades: " + provider
                    + " has no REST trades endpoint here (see caravan.gap-fill.finnhub-url)");
        }
        String unusable = source == Source.KLINES ? klines.unusable(provider, base) : null;
        if (unusable != null) {
            throw new IllegalArgumentException("caravan.gap-fill.source." + provider + "=klines: " + unusable);
        }
        return source;
    }
}
