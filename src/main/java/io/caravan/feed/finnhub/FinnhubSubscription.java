package io.caravan.feed.finnhub;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedSymbols;

/**
 * The messages that subscribe a Finnhub connection to its feed's symbols ({@code caravan.feed.simulator.symbols} or
 * {@code caravan.feed.finnhub.symbols}, else {@code caravan.symbols}); sent on every (re)connect.
 * <p>
 * The real Finnhub allows one connection per key, and free keys about 50 symbols on it: beyond that it answers
 * "Subscribing to too many symbols" and the extra symbols get nothing. So against the real service (feed
 * {@code finnhub}) only the first {@code caravan.finnhub.max-symbols} are subscribed, and the others are named in an
 * error at startup instead of failing quietly later. caravan opens one Finnhub connection; a second caravan with the
 * same key would take the first one's place.
 */
@ApplicationScoped
@Named("finnhubSubscription")
public class FinnhubSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(FinnhubSubscription.class);

    private final List<String> symbols;

    @Inject
    public FinnhubSubscription(FeedSymbols feedSymbols, CaravanConfig config) {
        this(feedSymbols.ofFinnhubRoute(), isRealService(config), config.finnhub().maxSymbols());
    }

    FinnhubSubscription(List<String> symbols, boolean realService, int maxSymbols) {
        if (realService && symbols.size() > maxSymbols) {
            List<String> extra = symbols.subList(maxSymbols, symbols.size());
            LOG.error("Finnhub: {} symbols configured but one Finnhub connection takes at most {} "
                    + "(caravan.finnhub.max-symbols); subscribing to the first {}, NOT to these {}: {}. "
                    + "Use a plan with more symbols and raise caravan.finnhub.max-symbols, or move them to another feed.",
                    symbols.size(), maxSymbols, maxSymbols, extra.size(), extra);
            this.symbols = List.copyOf(symbols.subList(0, maxSymbols));
        } else {
            this.symbols = symbols;
        }
    }

    private static boolean isRealService(CaravanConfig config) {
        return config.feeds().stream().map(String::trim).anyMatch("finnhub"::equals);
    }

    /** The symbols subscribed, in configured order. */
    public List<String> symbols() {
        return symbols;
    }

    public List<String> messages() {
        return symbols.stream()
                .map(s -> JsonNodeFactory.instance.objectNode().put("type", "subscribe").put("symbol", s).toString())
                .toList();
    }
}
