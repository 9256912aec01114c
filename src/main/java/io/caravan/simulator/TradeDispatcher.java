package io.caravan.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;

/**
 * Fans trades out to the connections subscribed to them, one frame per connection per batch (Finnhub) or one per trade (Binance), and remembers what was
 * served for the candle endpoint and every trade for the snapshot board. Runs on the simulator's event loop.
 */
final class TradeDispatcher {

    private final Set<SimulatorClient> sockets = new LinkedHashSet<>();
    private final CandleStore candles;
    private final SnapshotBoard board;
    private final AtomicLong served = new AtomicLong();
    private final TradeIds tradeIds = new TradeIds();

    TradeDispatcher(CandleStore candles, SnapshotBoard board) {
        this.candles = candles;
        this.board = board;
    }

    void add(SimulatorClient socket) {
        sockets.add(socket);
    }

    void remove(SimulatorClient socket) {
        sockets.remove(socket);
    }

    void closeAll() {
        new ArrayList<>(sockets).forEach(SimulatorClient::close);
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
        // the market trades whether anyone listens: the snapshot board sees every trade
        batch.forEach(board::record);
        if (batch.isEmpty() || sockets.isEmpty()) {
            return Future.succeededFuture(0);
        }
        // every trade the market makes gets its id, served or not, as on an exchange
        List<NumberedTrade> numbered = new ArrayList<>(batch.size());
        for (SimTrade trade : batch) {
            numbered.add(new NumberedTrade(trade, tradeIds.next(trade.symbol())));
        }
        boolean[] wasServed = new boolean[batch.size()];
        List<Future<Void>> writable = new ArrayList<>();
        for (SimulatorClient socket : sockets) {
            List<NumberedTrade> share = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                NumberedTrade trade = numbered.get(i);
                if (socket.isSubscribed(trade.trade().symbol())) {
                    share.add(trade);
                    wasServed[i] = true;
                }
            }
            if (!share.isEmpty()) {
                socket.sendTrades(share);
                writable.add(socket.whenWritable());
            }
        }
        int count = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (wasServed[i]) {
                candles.record(batch.get(i));
                count++;
            }
        }
        served.addAndGet(count);
        int sent = count;
        return Future.all(writable).map(v -> sent);
    }
}
