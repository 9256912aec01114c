package io.caravan.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.vertx.core.Future;

/**
 * Fans trades out to the connections subscribed to them, one frame per connection per batch (Finnhub) or one per
 * trade (Binance), and keeps every trade the market makes for the candle, trades and snapshot endpoints. Runs on
 * the simulator's event loop.
 */
final class TradeDispatcher {

    private static final Logger LOG = Logger.getLogger(TradeDispatcher.class);

    private final Set<SimulatorClient> sockets = new LinkedHashSet<>();
    private final CandleStore candles;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong made = new AtomicLong();
    private final TradeIds tradeIds = new TradeIds();

    private final TradeStore trades;
    private final SnapshotBoard board;

    TradeDispatcher(CandleStore candles, TradeStore trades, SnapshotBoard board) {
        this.candles = candles;
        this.trades = trades;
        this.board = board;
    }

    void add(SimulatorClient socket) {
        sockets.add(socket);
    }

    void remove(SimulatorClient socket) {
        sockets.remove(socket);
    }

    int size() {
        return sockets.size();
    }

    void closeAll() {
        new ArrayList<>(sockets).forEach(SimulatorClient::close);
    }

    /** A symbol's minute that a trade of a later minute closed. */
    private record ClosedMinute(String symbol, CandleStore.Candle minute) {
    }

    /** A minute closes when a symbol's first trade of a later minute is made: its kline goes out with that batch. */
    private static void sendClosedMinutes(SimulatorClient socket, List<ClosedMinute> closedMinutes) {
        for (ClosedMinute closed : closedMinutes) {
            if (socket.wantsKlines(closed.symbol())) {
                try {
                    socket.sendKline(closed.symbol(), closed.minute());
                } catch (RuntimeException e) {
                    LOG.debugf(e, "Kline not sent to a client that is closing");
                }
            }
        }
    }

    /** Trades the market made so far, served or not. Safe from any thread. */
    long tradesMade() {
        return made.get();
    }

    /** Trades sent to at least one client so far. Safe from any thread. */
    long tradesServed() {
        return served.get();
    }

    /**
     * The caller passes a batch in which no same-timestamp group is cut; each connection gets its share of it as a
     * single frame, so that property holds per connection too.
     *
     * @return completes with the number of trades sent to at least one client, once every connection written to can
     *         take more; a producer waiting on it never outruns a slow client
     */
    Future<Integer> dispatch(List<SimTrade> batch) {
        if (batch.isEmpty()) {
            return Future.succeededFuture(0);
        }
        // every trade the market makes gets its id and is on record (candles, trades, snapshot), served or not, as
        // on an exchange: a client that was disconnected fetches what it missed
        List<NumberedTrade> numbered = new ArrayList<>(batch.size());
        List<ClosedMinute> closedMinutes = new ArrayList<>();
        for (SimTrade trade : batch) {
            NumberedTrade made = new NumberedTrade(trade, tradeIds.next(trade.symbol()));
            numbered.add(made);
            CandleStore.Candle closed = candles.record(trade);
            if (closed != null) {
                closedMinutes.add(new ClosedMinute(trade.symbol(), closed));
            }
            trades.record(made);
            board.record(trade);
        }
        made.addAndGet(batch.size());
        boolean[] wasServed = new boolean[batch.size()];
        List<Future<Void>> writable = new ArrayList<>();
        for (SimulatorClient socket : sockets) {
            sendClosedMinutes(socket, closedMinutes);
            List<NumberedTrade> share = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                NumberedTrade trade = numbered.get(i);
                if (socket.isSubscribed(trade.trade().symbol())) {
                    share.add(trade);
                    wasServed[i] = true;
                }
            }
            if (!share.isEmpty()) {
                try {
                    socket.sendTrades(share);
                    writable.add(socket.whenWritable());
                } catch (RuntimeException e) {
                    // a client closing under a drop or its own hand-up: its loss, never the market's
                    LOG.debugf(e, "Trades not sent to a client that is closing");
                }
            }
        }
        int count = 0;
        for (boolean served : wasServed) {
            if (served) {
                count++;
            }
        }
        served.addAndGet(count);
        int sent = count;
        return Future.all(writable).map(v -> sent);
    }
}
