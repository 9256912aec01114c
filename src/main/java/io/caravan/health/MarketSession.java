package io.caravan.health;

/**
 * Whether a feed's market is trading at a given time. A feed is stale only when it should be trading and no trade
 * came: outside its session a quiet feed is healthy. The default bean says every market is always open; a bean of
 * market sessions replaces it by simply being there.
 */
public interface MarketSession {

    /** @param feed the feed's provider name (finnhub, binance, ...) */
    boolean inSession(String feed, long epochMillis);
}
