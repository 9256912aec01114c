package io.caravan.feed.websocket;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client consumer that processes frames one at a time in arrival order on its own thread, pauses the socket when
 * it falls behind (TCP back-pressure instead of an unbounded queue), and reconnects with exponential backoff.
 * With {@code maxConnectionAge} it closes a connection that old and reconnects; {@link #reconnect} does the same on
 * demand (a server announcing its shutdown).
 */
public class OrderedClientConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedClientConsumer.class);
    static final int PAUSE_AT = 10_000;
    static final int RESUME_AT = 1_000;
    private static final long MIN_DELAY_MS = 100;

    private final AtomicInteger pending = new AtomicInteger();
    private ExecutorService worker;
    private volatile WebSocket socket;
    private volatile boolean paused;
    private int failedAttempts;

    public OrderedClientConsumer(OrderedWebsocketEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public OrderedWebsocketEndpoint getEndpoint() {
        return (OrderedWebsocketEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // an unbounded queue: pending frames are bounded by pausing the socket (PAUSE_AT). Camel's default profile
        // (newSingleThreadExecutor) queues 1000 tasks and then runs the next one on the caller, the event loop,
        // ahead of the queued ones: frames went out of order and the event loop blocked. A plain JDK executor: FIFO.
        String threadName = "ws-feed-" + getEndpoint().address();
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        getEndpoint().onNewSocket(this::attach);
        // the first connect runs like every reconnect: a feed that is down at start-up keeps trying instead of
        // failing the route
        worker.execute(this::connect);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().onNewSocket(null);
        WebSocket s = socket;
        socket = null;
        if (s != null && !s.isClosed()) {
            s.close();
        }
        if (worker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(worker);
            worker = null;
        }
        super.doStop();
    }

    private void connect() {
        if (!isRunAllowed()) {
            return;
        }
        try {
            getEndpoint().connect();
            failedAttempts = 0;
        } catch (Exception e) {
            failedAttempts++;
            VertxWebsocketConfiguration config = getEndpoint().getConfiguration();
            if (config.getMaxReconnectAttempts() > 0 && failedAttempts >= config.getMaxReconnectAttempts()) {
                LOG.error("Giving up on {} after {} attempts: {}", getEndpoint().address(), failedAttempts, rootMessage(e));
                return;
            }
            long delay = backoff(config, failedAttempts);
            LOG.warn("Cannot connect to {} ({}); retry {} in {} ms", getEndpoint().address(), rootMessage(e),
                    failedAttempts, delay);
            getEndpoint().vertx().setTimer(delay, id -> submit(this::connect));
        }
    }

    /** Doubles from reconnectInitialDelay up to reconnectInterval. */
    static long backoff(VertxWebsocketConfiguration config, int attempt) {
        long initial = Math.max(MIN_DELAY_MS, config.getReconnectInitialDelay());
        long max = Math.max(initial, config.getReconnectInterval());
        long delay = initial << Math.min(attempt - 1, 20);
        return Math.min(delay, max);
    }

    /** Called on the event loop for every new socket, whether this consumer or a producer opened it. */
    private void attach(WebSocket ws) {
        socket = ws;
        LOG.info("Connected to {}", getEndpoint().address());
        Context eventLoop = Vertx.currentContext();
        ws.textMessageHandler(text -> onFrame(ws, eventLoop, text));
        ws.binaryMessageHandler(buffer -> onFrame(ws, eventLoop, buffer.toString()));
        ws.exceptionHandler(e -> LOG.debug("WebSocket error on {}: {}", getEndpoint().address(), e.toString()));
        ws.closeHandler(v -> {
            if (socket == ws && isRunAllowed()) {
                LOG.warn("Disconnected from {}; reconnecting", getEndpoint().address());
                submit(this::reconnectAfterClose);
            }
        });
        long maxAge = getEndpoint().maxConnectionAgeMillis();
        if (maxAge > 0) {
            getEndpoint().vertx().setTimer(maxAge, id -> {
                if (socket == ws && !ws.isClosed()) {
                    LOG.info("Connection to {} is {} ms old; reconnecting", getEndpoint().address(), maxAge);
                    ws.close();
                }
            });
        }
        if (getEndpoint().getConfiguration().isFireWebSocketConnectionEvents()) {
            submit(() -> process(null, VertxWebsocketEvent.OPEN));
        }
    }

    /**
     * Closes the current connection; the consumer then reconnects as after any close (event CLOSE, then OPEN).
     *
     * @param reason logged
     */
    public void reconnect(String reason) {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            LOG.info("Reconnecting to {}: {}", getEndpoint().address(), reason);
            ws.close();
        }
    }

    private void reconnectAfterClose() {
        if (getEndpoint().getConfiguration().isFireWebSocketConnectionEvents()) {
            process(null, VertxWebsocketEvent.CLOSE);
        }
        failedAttempts = 1;
        long delay = backoff(getEndpoint().getConfiguration(), failedAttempts);
        getEndpoint().vertx().setTimer(delay, id -> submit(this::connect));
    }

    private void onFrame(WebSocket ws, Context eventLoop, String text) {
        if (pending.incrementAndGet() >= PAUSE_AT && !paused) {
            paused = true;
            ws.pause();
        }
        submit(() -> {
            try {
                process(text, VertxWebsocketEvent.MESSAGE);
            } finally {
                if (pending.decrementAndGet() <= RESUME_AT && paused) {
                    paused = false;
                    // on the socket's event loop: resumed from this thread, Vert.x delivered the frames buffered
                    // during the pause here while newer ones arrived on the event loop, out of order
                    eventLoop.runOnContext(v -> ws.resume());
                }
            }
        });
    }

    private void submit(Runnable task) {
        ExecutorService w = worker;
        if (w != null && !w.isShutdown()) {
            w.execute(task);
        }
    }

    private void process(String body, VertxWebsocketEvent event) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(VertxWebsocketConstants.EVENT, event);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing WebSocket " + event, exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
