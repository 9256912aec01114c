package io.caravan.feed.finnhub;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.caravan.CaravanConfig;

/** The messages that subscribe a Finnhub connection to {@code caravan.symbols}; sent on every (re)connect. */
@ApplicationScoped
@Named("finnhubSubscription")
public class FinnhubSubscription {

    private final List<String> symbols;

    public FinnhubSubscription(CaravanConfig config) {
        this.symbols = config.symbols().stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public List<String> messages() {
        return symbols.stream()
                .map(s -> JsonNodeFactory.instance.objectNode().put("type", "subscribe").put("symbol", s).toString())
                .toList();
    }
}
