package io.caravan.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A hostile exchange: a Vert.x WebSocket server outside the application that speaks Finnhub's ({@code /finnhub}),
 * Binance's combined stream ({@code /stream?streams=..}) and AllTick's ({@code /alltick}) frame shapes, and sends
 * whatever the test gives it: text frames, text frames whose bytes are not UTF-8, binary frames. caravan's feed
 * routes connect to it as to the real services ({@code caravan.finnhub.url}, {@code caravan.binance.url},
 * {@code caravan.alltick.stock-url}). What caravan sends (subscriptions, heartbeats) is read and ignored.
 */
public class FuzzExchange implements QuarkusTestResourceLifecycleManager {

    static volatile FuzzExchange running;

    private final Map<Provider, ServerWebSocket> sockets = new ConcurrentHashMap<>();
    private final Map<Provider, AtomicLong> connections = new ConcurrentHashMap<>();
    private final AtomicLong failedWrites = new AtomicLong();
    /** Providers whose connection did not come back within the wait: later frames fail at once until it does. */
    private final java.util.Set<Provider> gone = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        for (Provider p : Provider.values()) {
            connections.put(p, new AtomicLong());
        }
        // upgraded from the request handler, as the simulator does (a server with only a WebSocket handler failed
        // its handshakes with an NPE in Vert.x while another Vert.x instance ran in the same JVM)
        server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            Provider provider = path.startsWith("/finnhub") ? Provider.FINNHUB
                    : path.startsWith("/stream") ? Provider.BINANCE : path.startsWith("/alltick") ? Provider.ALLTICK : null;
            if (provider == null || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.toWebSocket().onSuccess(ws -> {
                ws.textMessageHandler(message -> {
                });
                ws.closeHandler(v -> sockets.remove(provider, ws));
                sockets.put(provider, ws);
                connections.get(provider).incrementAndGet();
            });
        });
        join(server.listen(0, "127.0.0.1"));
        running = this;
        String base = "ws://127.0.0.1:" + server.actualPort();
        return Map.of("caravan.finnhub.url", base + "/finnhub", "caravan.binance.url", base,
                "caravan.alltick.stock-url", base + "/alltick", "caravan.alltick.crypto-url", base + "/alltick-crypto");
    }

    /** Waits for caravan's connection of that provider (a reconnect, if the last one was closed); null if none. */
    ServerWebSocket socket(Provider provider) {
        ServerWebSocket open = sockets.get(provider);
        if (open != null || gone.contains(provider)) {
            return open;
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> sockets.containsKey(provider));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            gone.add(provider);
            return null;
        }
        gone.remove(provider);
        return sockets.get(provider);
    }

    /** Connections caravan made to this provider's endpoint so far (more than one: it was disconnected). */
    long connections(Provider provider) {
        return connections.get(provider).get();
    }

    /** Writes that failed because the connection was gone: what caravan's disconnect cost. */
    long failedWrites() {
        return failedWrites.get();
    }

    void send(Provider provider, byte[] bytes, FuzzCase.FrameType type) {
        ServerWebSocket ws = socket(provider);
        if (ws == null) {
            failedWrites.incrementAndGet();
            return;
        }
        Future<Void> written = switch (type) {
            case TEXT -> ws.writeTextMessage(new String(bytes, StandardCharsets.UTF_8));
            case INVALID_TEXT -> ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true));
            case BINARY -> ws.writeBinaryMessage(Buffer.buffer(bytes));
        };
        try {
            written.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            failedWrites.incrementAndGet();
        }
    }

    @Override
    public void stop() {
        running = null;
        if (server != null) {
            join(server.close());
        }
        if (vertx != null) {
            join(vertx.close());
        }
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
