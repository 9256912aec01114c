package io.caravan.quote;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.tick.Tick;

/**
 * The latest quote of every symbol, updated by every valid tick. Writers that publish quotes (Redis, pub/sub, the
 * page) each take a {@link QuoteChanges} and drain it at their own pace, so a burst of ticks becomes one write per
 * symbol and a slow writer holds up no one.
 */
@ApplicationScoped
@Named("quoteBook")
public class QuoteBook {

    private final ConcurrentHashMap<String, QuoteState> states = new ConcurrentHashMap<>();
    private final List<QuoteChanges> listeners = new CopyOnWriteArrayList<>();

    public void update(Tick tick) {
        QuoteState state = states.computeIfAbsent(tick.symbol(), QuoteState::new);
        Quote changed;
        synchronized (state) {
            changed = state.apply(tick);
        }
        if (changed != null) {
            notifyChanged(tick.symbol());
        }
    }

    /** Sets a previous close the provider reported; ignored until the symbol has traded. */
    public void previousClose(String symbol, BigDecimal close) {
        QuoteState state = states.get(symbol);
        if (state == null) {
            return;
        }
        Quote changed;
        synchronized (state) {
            changed = state.previousClose(close);
        }
        if (changed != null) {
            notifyChanged(symbol);
        }
    }

    public Optional<Quote> quote(String symbol) {
        QuoteState state = states.get(symbol);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.ofNullable(state.current());
        }
    }

    /** Every symbol's quote, by symbol. */
    public List<Quote> all() {
        return states.keySet().stream().sorted().map(this::quote).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Quote::symbol)).toList();
    }

    /** A new, independent stream of changed symbols, starting with every symbol known now. */
    public QuoteChanges changes() {
        QuoteChanges changes = new QuoteChanges(this);
        listeners.add(changes);
        states.keySet().forEach(changes::mark);
        return changes;
    }

    private void notifyChanged(String symbol) {
        for (QuoteChanges listener : listeners) {
            listener.mark(symbol);
        }
    }
}
