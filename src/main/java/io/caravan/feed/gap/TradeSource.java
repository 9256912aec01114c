package io.caravan.feed.gap;

import java.util.List;

import io.caravan.tick.RawTrade;

/** A provider's REST trades, for filling a {@link Gap}: one implementation per provider that has them. */
public interface TradeSource {

    /** The provider whose ticks this source completes ({@code finnhub}, {@code binance}). */
    String provider();

    /** Whether a trades endpoint is configured; without one the provider's gaps are logged, not filled. */
    boolean available();

    /** The symbols the provider's feed subscribes to. */
    List<String> symbols();

    /** The symbol the trades of a subscribed symbol carry (live and fetched alike). */
    default String tickSymbol(String feedSymbol) {
        return feedSymbol;
    }

    /**
     * Every trade of the symbol with {@code after < ts < before} (a source may include {@code ts == after}: trades
     * already received are skipped by their duplicate key), oldest first, all pages.
     */
    List<RawTrade> fetch(String symbol, long after, long before);
}
