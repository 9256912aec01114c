package io.caravan.simulator;

import java.util.List;

import io.vertx.core.Future;

/**
 * One client connection of the simulator, whatever dialect it speaks (Finnhub, Binance, AllTick). The dispatcher hands it the
 * trades it subscribed to; the connection turns them into its own frames. Lives on the simulator's event loop.
 */
interface SimulatorClient {

    /** Whether this connection wants trades of the simulator's symbol {@code symbol}. */
    boolean isSubscribed(String symbol);

    /** Sends trades this connection subscribed to, in order. */
    void sendTrades(List<NumberedTrade> trades);

    /** Whether this connection wants the closed one-minute klines of the simulator's symbol (Binance's @kline_1m). */
    default boolean wantsKlines(String symbol) {
        return false;
    }

    /** Sends a closed one-minute kline of a symbol it wants klines of. */
    default void sendKline(String symbol, CandleStore.Candle minute) {
        throw new UnsupportedOperationException("no kline stream in this dialect");
    }

    /** The socket, heartbeat and back-pressure every dialect shares. */
    ClientConnection connection();

    /** Completes once the client has read enough that more frames will not pile up, or once it is gone. */
    default Future<Void> whenWritable() {
        return connection().whenWritable();
    }

    default void close() {
        connection().close();
    }
}
