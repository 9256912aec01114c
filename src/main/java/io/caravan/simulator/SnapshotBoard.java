package io.caravan.simulator;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The day so far of every symbol the simulated market has traded, for the snapshot endpoint: last price and time,
 * the UTC day's open, high, low and volume, and the previous close. It sees every trade the market makes, whether or
 * not a client is subscribed, as an exchange's quote board does. Runs on the simulator's event loop.
 */
final class SnapshotBoard {

    private static final long DAY = 86_400_000L;

    /** What one symbol's snapshot says, exact decimals as traded. */
    record Entry(String symbol, BigDecimal last, BigDecimal previousClose, BigDecimal open, BigDecimal high,
            BigDecimal low, BigDecimal volume, long time) {
    }

    private static final class Day {
        long day;
        BigDecimal previousClose;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal last;
        BigDecimal volume;
        long time;
    }

    private final Map<String, Day> days = new HashMap<>();
    private final Function<String, BigDecimal> initialPreviousClose;

    /**
     * @param initialPreviousClose a symbol's previous close before the board has seen an earlier day of it (synthetic
     *                             mode: the price its walk started from; file mode: unknown, null)
     */
    SnapshotBoard(Function<String, BigDecimal> initialPreviousClose) {
        this.initialPreviousClose = initialPreviousClose;
    }

    void record(SimTrade trade) {
        BigDecimal price = new BigDecimal(trade.price());
        BigDecimal size = new BigDecimal(trade.size());
        long day = Math.floorDiv(trade.timestamp(), DAY);
        Day state = days.get(trade.symbol());
        if (state == null) {
            state = new Day();
            state.previousClose = initialPreviousClose.apply(trade.symbol());
            days.put(trade.symbol(), state);
            startDay(state, day, price);
        } else if (day > state.day) {
            state.previousClose = state.last;
            startDay(state, day, price);
        }
        state.high = state.high.max(price);
        state.low = state.low.min(price);
        state.last = price;
        state.volume = state.volume.add(size);
        state.time = Math.max(state.time, trade.timestamp());
    }

    private static void startDay(Day state, long day, BigDecimal price) {
        state.day = day;
        state.open = price;
        state.high = price;
        state.low = price;
        state.volume = BigDecimal.ZERO;
    }

    /** Empty for a symbol that has not traded. */
    Optional<Entry> entry(String symbol) {
        Day state = days.get(symbol);
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new Entry(symbol, state.last, state.previousClose, state.open, state.high, state.low,
                state.volume, state.time));
    }
}
