package io.caravan.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caravan.CaravanConfig;
import io.caravan.tick.Excerpt;
import io.caravan.tick.TickValidator;
import io.quarkus.runtime.StartupEvent;

/**
 * Every configured symbol list, checked at startup by the rule trades are checked by
 * ({@link TickValidator#symbolProblem}): a symbol no trade could carry (too long, a blank or '|', more than 64 bytes)
 * stops startup with the property that names it, instead of sending every trade of it to the dead letter.
 */
@ApplicationScoped
public class ConfiguredSymbols {

    private final CaravanConfig config;

    public ConfiguredSymbols(CaravanConfig config) {
        this.config = config;
    }

    // before the feeds start (FeedStarter observes at the default priority)
    void onStart(@Observes @Priority(1_000) StartupEvent event) {
        check(lists(config));
    }

    /** Property name → its symbols, of every list that is set. */
    static Map<String, List<String>> lists(CaravanConfig config) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("caravan.symbols", config.symbols());
        config.feed().forEach((feed, settings) -> settings.symbols()
                .ifPresent(symbols -> lists.put("caravan.feed." + feed + ".symbols", symbols)));
        config.klines().symbols().ifPresent(symbols -> lists.put("caravan.klines.symbols", symbols));
        config.snapshot().symbols().ifPresent(symbols -> lists.put("caravan.snapshot.symbols", symbols));
        return lists;
    }

    /**
     * @throws IllegalArgumentException naming the property, the symbol (its start, when long) and what is wrong
     *                                  with it; blank entries are skipped, as the feeds skip them
     */
    public static void check(Map<String, List<String>> lists) {
        lists.forEach((property, symbols) -> {
            for (String entry : symbols) {
                String symbol = entry.trim();
                if (symbol.isEmpty()) {
                    continue;
                }
                Optional<String> problem = TickValidator.symbolProblem(symbol);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(property + ": '" + Excerpt.of(symbol, 40)
                            + "' is no symbol: " + problem.get());
                }
            }
        });
    }
}
