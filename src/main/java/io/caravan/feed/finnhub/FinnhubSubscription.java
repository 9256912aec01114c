package io.caravan.feed.finnhub;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.caravan.feed.FeedSymbols;

/**
 * The messages that subscribe a Finnhub connection to its feed's symbols ({@code caravan.feed.simulator.symbols} or
 * {@code caravan.feed.finnhub.symbols}, else {@code caravan.symbols}); sent on every (re)connect.
 */
@ApplicationScoped
@Named("finnhubSubscription")
public class FinnhubSubscription {

    private final List<String> symbols;

    public FinnhubSubscription(FeedSymbols feedSymbols) {
        this.symbols = feedSymbols.ofFinnhubRoute();
    }

    public List<String> messages() {
        return symbols.stream()
                .map(s -> JsonNodeFactory.instance.objectNode().put("type", "subscribe").put("symbol", s).toString())
                .toList();
    }
}
