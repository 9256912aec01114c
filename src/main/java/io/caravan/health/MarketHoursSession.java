package io.caravan.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.feed.FeedSymbols;
import io.caravan.market.MarketSessions;

/**
 * A feed is expected to trade while the market of any of its symbols is in its regular session
 * ({@link MarketSessions}): a US stock feed that is quiet at night is healthy, a crypto feed never sleeps. Replaces
 * the default {@link AlwaysInSession}.
 */
@ApplicationScoped
public class MarketHoursSession implements MarketSession {

    private final FeedSymbols symbols;

    public MarketHoursSession(FeedSymbols symbols) {
        this.symbols = symbols;
    }

    @Override
    public boolean inSession(String feed, long epochMillis) {
        List<String> subscribed = "finnhub".equals(feed) ? symbols.ofFinnhubRoute() : symbols.of(feed);
        return subscribed.isEmpty() || subscribed.stream().anyMatch(s -> MarketSessions.isOpen(feed, s, epochMillis));
    }
}
