package io.caravan.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * What every simulated client connection has, whatever its dialect: a name for the log, a heartbeat, and writes
 * with back-pressure. Lives on the simulator's event loop; not thread safe.
 */
final class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class);

    private final ServerWebSocket ws;
    private final String name;
    private final List<Promise<Void>> waitingForDrain = new ArrayList<>();
    private boolean closed;

    /**
     * @param dialect  for the log, e.g. "Binance"
     * @param ping     sends one heartbeat, every {@code pingInterval} while the connection is open
     * @param onClosed run once when the connection is gone
     */
    ClientConnection(Vertx vertx, ServerWebSocket ws, String dialect, Duration pingInterval, Runnable ping,
            Runnable onClosed) {
        this.ws = ws;
        // path() carries no query string, so a client's token never reaches the log
        this.name = ws.remoteAddress() + ws.path();
        long pingTimer = vertx.setPeriodic(Math.max(1, pingInterval.toMillis()), id -> {
            if (!closed) {
                ping.run();
            }
        });
        ws.drainHandler(v -> releaseWaiters());
        ws.exceptionHandler(e -> LOG.debugf(e, "%s client %s: connection error", dialect, name));
        ws.closeHandler(v -> {
            closed = true;
            vertx.cancelTimer(pingTimer);
            releaseWaiters();
            LOG.infof("%s client %s disconnected", dialect, name);
            onClosed.run();
        });
    }

    String name() {
        return name;
    }

    boolean isClosed() {
        return closed;
    }

    /** Completes once the client has read enough that another frame will not pile up, or once it is gone. */
    Future<Void> whenWritable() {
        if (closed || !ws.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        waitingForDrain.add(promise);
        return promise.future();
    }

    /** One message per item (trade, kline), in order, until the connection is gone. */
    <T> void writeEach(List<T> items, Function<T, String> frame) {
        for (T item : items) {
            if (closed) {
                return;
            }
            ws.writeTextMessage(frame.apply(item));
        }
    }

    void close() {
        if (!closed) {
            ws.close();
        }
    }

    private void releaseWaiters() {
        List<Promise<Void>> waiters = new ArrayList<>(waitingForDrain);
        waitingForDrain.clear();
        waiters.forEach(Promise::tryComplete);
    }
}
