package io.caravan.simulator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client connection: its own subscriptions, its heartbeat, and the write side with backpressure. Lives on the
 * simulator's event loop; not thread safe.
 */
final class FinnhubSimulatorSocket implements SimulatorClient {

    private static final Logger LOG = Logger.getLogger(FinnhubSimulatorSocket.class);

    private final ServerWebSocket ws;
    private final ClientConnection connection;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final Vertx vertx;
    private final Duration subscribeDelay;
    /** Subscriptions asked for so far on this connection (the delay grows with each after the first). */
    private int asked;

    /**
     * @param subscribeDelay the n-th subscription after the first takes effect n times this late (zero: at once)
     * @param onSubscribe told about every new subscription, so the simulator can walk new symbols or start a replay
     * @param onClose     told once when the connection is gone
     */
    FinnhubSimulatorSocket(Vertx vertx, ServerWebSocket ws, Duration pingInterval, Duration subscribeDelay,
            Consumer<String> onSubscribe, Consumer<SimulatorClient> onClose) {
        this.ws = ws;
        this.vertx = vertx;
        this.subscribeDelay = subscribeDelay;
        this.connection = new ClientConnection(vertx, ws, "Finnhub", pingInterval,
                () -> ws.writeTextMessage(FinnhubFrames.PING), () -> onClose.accept(this));
        ws.textMessageHandler(text -> onMessage(text, onSubscribe));
    }

    String name() {
        return connection.name();
    }

    @Override
    public boolean isSubscribed(String symbol) {
        return subscriptions.contains(symbol);
    }

    /** Sends one frame; trades the client did not subscribe to must already be filtered out. */
    @Override
    public void sendTrades(List<NumberedTrade> trades) {
        if (!connection.isClosed() && !trades.isEmpty()) {
            ws.writeTextMessage(FinnhubFrames.trades(trades.stream().map(NumberedTrade::trade).toList()));
        }
    }

    @Override
    public ClientConnection connection() {
        return connection;
    }

    private void onMessage(String text, Consumer<String> onSubscribe) {
        FinnhubFrames.ClientRequest request;
        try {
            request = FinnhubFrames.parseClientMessage(text);
        } catch (FinnhubFrames.BadRequestException e) {
            LOG.debugf("Client %s: %s", name(), e.getMessage());
            ws.writeTextMessage(FinnhubFrames.error(e.getMessage()));
            return;
        }
        String symbol = request.symbol();
        if (request.subscribe()) {
            long delay = subscribeDelay.toMillis() * asked++;
            if (delay == 0) {
                subscribe(symbol, onSubscribe);
            } else {
                vertx.setTimer(delay, id -> subscribe(symbol, onSubscribe));
            }
        } else if (subscriptions.remove(symbol)) {
            LOG.infof("Client %s unsubscribed from %s", name(), symbol);
        }
    }

    private void subscribe(String symbol, Consumer<String> onSubscribe) {
        if (!connection.isClosed() && subscriptions.add(symbol)) {
            LOG.infof("Client %s subscribed to %s", name(), symbol);
            onSubscribe.accept(symbol);
        }
    }
}
