package io.caravan.quote;

import java.math.BigDecimal;

import io.caravan.tick.Tick;

/**
 * One symbol's running quote. Pure and single-threaded: {@link QuoteBook} serialises access.
 * <ul>
 * <li>Days are UTC days of the trades' event time.</li>
 * <li>The last price is that of the trade with the latest event time; a trade older than it still adds to the day's
 * volume.</li>
 * <li>The first trade of a later day makes the last price seen the previous close and starts the day's volume at
 * zero.</li>
 * <li>A trade of an earlier day than the current one changes nothing: that day is over.</li>
 * </ul>
 */
final class QuoteState {

    static final long DAY_MILLIS = 86_400_000L;

    private final String symbol;
    private Quote current;
    private long day;

    QuoteState(String symbol) {
        this.symbol = symbol;
    }

    Quote current() {
        return current;
    }

    /** @return the new quote, or null when the tick changed nothing */
    Quote apply(Tick tick) {
        long tickDay = Math.floorDiv(tick.ts(), DAY_MILLIS);
        if (current == null) {
            day = tickDay;
            current = new Quote(symbol, tick.provider(), tick.price(), tick.size(), tick.ts(), tick.size(), null, 1);
            return current;
        }
        if (tickDay < day) {
            return null;
        }
        long version = current.version() + 1;
        if (tickDay > day) {
            day = tickDay;
            current = new Quote(symbol, tick.provider(), tick.price(), tick.size(), tick.ts(), tick.size(),
                    current.price(), version);
            return current;
        }
        BigDecimal dayVolume = current.dayVolume().add(tick.size());
        current = tick.ts() >= current.time()
                ? new Quote(symbol, tick.provider(), tick.price(), tick.size(), tick.ts(), dayVolume,
                        current.previousClose(), version)
                : new Quote(symbol, current.feed(), current.price(), current.size(), current.time(), dayVolume,
                        current.previousClose(), version);
        return current;
    }

    /** A previous close learned from the provider (REST snapshot, kline) rather than seen in trades. */
    Quote previousClose(BigDecimal close) {
        if (current == null) {
            return null;
        }
        current = new Quote(symbol, current.feed(), current.price(), current.size(), current.time(),
                current.dayVolume(), close, current.version() + 1);
        return current;
    }
}
