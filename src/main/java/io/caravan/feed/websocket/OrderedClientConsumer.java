package io.caravan.feed.websocket;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Client consumer that processes messages one at a time in arrival order on its own thread, pauses the socket when
 * it falls behind (more than {@code caravan.websocket.max-pending-bytes} or {@link #PAUSE_AT} messages waiting: TCP
 * back-pressure instead of an unbounded queue), and reconnects with exponential backoff. A message above
 * {@code caravan.websocket.max-frame-bytes} or a text message that is not UTF-8 is refused (see
 * {@link MessageAssembler}) into the route's error handler, the dead letter, and the connection goes on.
 * Connecting runs on a thread of its own, so a lost connection is replaced at once, while the messages it brought are
 * still being processed: the new connection's OPEN and messages queue behind them, in order.
 * With {@code maxConnectionAge} it closes a connection that old and reconnects; {@link #reconnect} does the same on
 * demand (a server announcing its shutdown). A connection that falls silent, even to a ping, for
 * {@code caravan.websocket.stale-after} is replaced ({@link SilenceWatch}).
 */
public class OrderedClientConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedClientConsumer.class);
    static final int PAUSE_AT = 10_000;
    static final int RESUME_AT = 1_000;
    private static final long MIN_DELAY_MS = 100;

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong peakPendingBytes = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong staleConnections = new AtomicLong();
    private ExecutorService worker;
    /** Opens connections, one attempt at a time, never waiting for the messages queued on {@link #worker}. */
    private ExecutorService connector;
    private volatile WebSocket socket;
    /** The socket whose message the route is processing now (on {@link #worker}); null between messages. */
    private volatile WebSocket delivering;
    /** The socket paused because messages piled up, until they drain; null when none is. */
    private volatile WebSocket paused;
    /** Attempts failed since the last connection opened; touched on {@link #connector} only. */
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
        // an unbounded queue: pending frames are bounded by pausing the socket (PAUSE_AT, max-pending-bytes).
        // Camel's default profile (newSingleThreadExecutor) queues 1000 tasks and then runs the next one on the
        // caller, the event loop, ahead of the queued ones: frames went out of order and the event loop blocked. A
        // plain JDK executor: FIFO.
        worker = singleThread("ws-feed-" + getEndpoint().address());
        // before, connects ran on the worker: a reconnect waited for every message of the lost connection to be
        // processed first (seconds behind a busy feed), and trades sent meanwhile came only by gap-fill, or, with no
        // trade after the late reconnect to end the gap, not at all
        connector = singleThread("ws-connect-" + getEndpoint().address());
        getEndpoint().onNewSocket(this::attach);
        // the first connect runs like every reconnect: a feed that is down at start-up keeps trying instead of
        // failing the route
        connector.execute(this::connect);
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().onNewSocket(null);
        WebSocket s = socket;
        socket = null;
        if (s != null && !s.isClosed()) {
            s.close();
        }
        if (connector != null) {
            connector.shutdownNow();
            connector = null;
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
            connectIn(delay);
        }
    }

    /** A connect attempt on {@link #connector} after {@code delay} ms. */
    private void connectIn(long delay) {
        getEndpoint().vertx().setTimer(delay, id -> {
            ExecutorService c = connector;
            if (c != null && !c.isShutdown()) {
                c.execute(this::connect);
            }
        });
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
        // frames rather than Vert.x's whole messages: Vert.x would hold a message of any size up to its limit and
        // drop the connection above it; this takes at most max-frame-bytes of one and refuses the rest
        MessageAssembler messages = new MessageAssembler(getEndpoint().maxFrameBytes(),
                (text, bytes) -> onMessage(ws, eventLoop, text, bytes), refusal -> submit(() -> refuse(refusal)));
        long staleAfter = getEndpoint().staleAfterMillis();
        SilenceWatch silence = staleAfter > 0 ? new SilenceWatch(staleAfter, System.currentTimeMillis()) : null;
        if (silence == null) {
            ws.frameHandler(messages::frame);
        } else {
            ws.frameHandler(frame -> {
                if (!silence.givenUp()) { // a connection given up on is replaced: what it still brings is not taken
                    silence.heard(System.currentTimeMillis());
                    messages.frame(frame);
                }
            });
            ws.pongHandler(pong -> silence.heard(System.currentTimeMillis()));
            getEndpoint().vertx().setPeriodic(SilenceWatch.checkPeriod(staleAfter), id -> {
                if (socket != ws || ws.isClosed()) {
                    getEndpoint().vertx().cancelTimer(id);
                    return;
                }
                long now = System.currentTimeMillis();
                switch (silence.check(now, paused == ws)) {
                    case PING -> ws.writePing(Buffer.buffer("caravan"));
                    case GIVE_UP -> {
                        getEndpoint().vertx().cancelTimer(id);
                        giveUp(ws, silence.silence(now));
                    }
                    default -> {
                    }
                }
            });
        }
        ws.exceptionHandler(e -> {
            if (e instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                // a single frame above Vert.x's own limit: the decoder skips everything after it, so only a new
                // connection can go on
                submit(() -> refuse(new TickRejectedException(RejectReason.TOO_LARGE, e.getMessage()
                        + " (one frame); the connection was closed to go on", null)));
                ws.close((short) WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message too big");
            } else {
                LOG.debug("WebSocket error on {}: {}", getEndpoint().address(), e.toString());
            }
        });
        ws.closeHandler(v -> {
            if (socket == ws && isRunAllowed()) {
                LOG.warn("Disconnected from {}; reconnecting", getEndpoint().address());
                reconnectAfterClose();
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
     * A connection silent for caravan.websocket.stale-after, even to a ping: it may never report its close (a
     * half-open TCP connection, a hung server), so it is let go of at once and replaced, without waiting for the
     * close handshake it would not answer. Runs on the socket's event loop.
     */
    private void giveUp(WebSocket ws, long silentMillis) {
        LOG.warn("Nothing from {} for {} ms, not even an answer to a ping; replacing the connection",
                getEndpoint().address(), silentMillis);
        staleConnections.incrementAndGet();
        socket = null; // its close, whenever it comes, is not this consumer's business any more
        getEndpoint().forget(ws);
        ws.close();
        reconnectAfterClose();
    }

    /** Connections replaced because they fell silent (caravan.websocket.stale-after). */
    public long staleConnections() {
        return staleConnections.get();
    }

    /**
     * Closes the connection whose message the route is processing (else the current one); the consumer then
     * reconnects as after any close (event CLOSE, then OPEN). A message of a connection already replaced asks for
     * nothing: its connection is gone, and closing its replacement would cut a healthy one.
     *
     * @param reason logged
     */
    public void reconnect(String reason) {
        WebSocket from = delivering;
        WebSocket ws = socket;
        if (from != null && from != ws) {
            LOG.info("Not reconnecting to {} ({}): asked by a connection already replaced", getEndpoint().address(),
                    reason);
            return;
        }
        if (ws != null && !ws.isClosed()) {
            LOG.info("Reconnecting to {}: {}", getEndpoint().address(), reason);
            ws.close();
        }
    }

    /**
     * On the event loop, as the connection closes: its CLOSE event queues behind its messages, ahead of the next
     * connection's OPEN; the next connection is opened after the first backoff step, without waiting for them.
     */
    private void reconnectAfterClose() {
        if (getEndpoint().getConfiguration().isFireWebSocketConnectionEvents()) {
            submit(() -> process(null, VertxWebsocketEvent.CLOSE));
        }
        connectIn(backoff(getEndpoint().getConfiguration(), 1));
    }

    private void onMessage(WebSocket ws, Context eventLoop, String text, int bytes) {
        long waiting = pendingBytes.addAndGet(bytes);
        peakPendingBytes.accumulateAndGet(waiting, Math::max);
        // the messages of a lost connection may still be waiting while its replacement brings more: what pauses is
        // the socket that brings them, whichever was paused before
        if ((pending.incrementAndGet() >= PAUSE_AT || waiting > getEndpoint().maxPendingBytes()) && paused != ws) {
            paused = ws;
            pauses.incrementAndGet();
            ws.pause();
        }
        submit(() -> {
            delivering = ws;
            try {
                process(text, VertxWebsocketEvent.MESSAGE);
            } finally {
                delivering = null;
                long left = pendingBytes.addAndGet(-bytes);
                if (pending.decrementAndGet() <= RESUME_AT && left <= getEndpoint().maxPendingBytes() / 4
                        && paused == ws) {
                    paused = null;
                    // on the socket's event loop: resumed from this thread, Vert.x delivered the frames buffered
                    // during the pause here while newer ones arrived on the event loop, out of order
                    eventLoop.runOnContext(v -> ws.resume());
                }
            }
        });
    }

    /**
     * A message refused before it became a frame for the route: it enters the route failed, so the route's error
     * handler takes it at once (the feed's {@code ingest} configuration records it in the dead letter) and none of
     * the route's steps run.
     */
    private void refuse(TickRejectedException refusal) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader(VertxWebsocketConstants.EVENT, VertxWebsocketEvent.MESSAGE);
            exchange.setException(refusal);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Refused WebSocket message", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    /** Bytes of the messages received and not yet processed (paused above caravan.websocket.max-pending-bytes). */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** The most {@link #pendingBytes()} ever were on this consumer. */
    public long peakPendingBytes() {
        return peakPendingBytes.get();
    }

    /** How often this consumer paused its socket because it fell behind. */
    public long pauses() {
        return pauses.get();
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
