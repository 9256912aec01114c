package io.caravan.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client connection: its own subscriptions, its heartbeat, and the write side with backpressure. Lives on the
 * simulator's event loop; not thread safe.
 */
final class FinnhubSimulatorSocket implements SimulatorClient {

    private static final Logger LOG = Logger.getLogger(FinnhubSimulatorSocket.class);

    private final ServerWebSocket ws;
    private final String name;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final List<Promise<Void>> waitingForDrain = new ArrayList<>();
    private boolean closed;

    /**
     * @param onSubscribe told about every new subscription, so the simulator can walk new symbols or start a replay
     * @param onClose     told once when the connection is gone
     */
    FinnhubSimulatorSocket(Vertx vertx, ServerWebSocket ws, Duration pingInterval, Consumer<String> onSubscribe,
            Consumer<SimulatorClient> onClose) {
        this.ws = ws;
        // path() carries no query string, so the client's token never reaches the log
        this.name = ws.remoteAddress() + ws.path();
        long pingTimer = vertx.setPeriodic(Math.max(1, pingInterval.toMillis()), id -> {
            if (!closed) {
                ws.writeTextMessage(FinnhubFrames.PING);
            }
        });
        ws.textMessageHandler(text -> onMessage(text, onSubscribe));
        ws.drainHandler(v -> releaseWaiters());
        ws.exceptionHandler(e -> LOG.debugf(e, "Client %s: connection error", name));
        ws.closeHandler(v -> {
            closed = true;
            vertx.cancelTimer(pingTimer);
            releaseWaiters();
            LOG.infof("Client %s disconnected", name);
            onClose.accept(this);
        });
    }

    String name() {
        return name;
    }

    @Override
    public boolean isSubscribed(String symbol) {
        return subscriptions.contains(symbol);
    }

    /** Sends one frame; trades the client did not subscribe to must already be filtered out. */
    @Override
    public void sendTrades(List<NumberedTrade> trades) {
        if (!closed && !trades.isEmpty()) {
            ws.writeTextMessage(FinnhubFrames.trades(trades.stream().map(NumberedTrade::trade).toList()));
        }
    }

    /** Completes once the client has read enough that another frame will not pile up, or once it is gone. */
    @Override
    public Future<Void> whenWritable() {
        if (closed || !ws.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        waitingForDrain.add(promise);
        return promise.future();
    }

    @Override
    public void close() {
        if (!closed) {
            ws.close();
        }
    }

    private void onMessage(String text, Consumer<String> onSubscribe) {
        FinnhubFrames.ClientRequest request;
        try {
            request = FinnhubFrames.parseClientMessage(text);
        } catch (FinnhubFrames.BadRequestException e) {
            LOG.debugf("Client %s: %s", name, e.getMessage());
            ws.writeTextMessage(FinnhubFrames.error(e.getMessage()));
            return;
        }
        String symbol = request.symbol();
        if (request.subscribe()) {
            if (subscriptions.add(symbol)) {
                LOG.infof("Client %s subscribed to %s", name, symbol);
                onSubscribe.accept(symbol);
            }
        } else if (subscriptions.remove(symbol)) {
            LOG.infof("Client %s unsubscribed from %s", name, symbol);
        }
    }

    private void releaseWaiters() {
        List<Promise<Void>> waiters = new ArrayList<>(waitingForDrain);
        waitingForDrain.clear();
        waiters.forEach(Promise::tryComplete);
    }
}
