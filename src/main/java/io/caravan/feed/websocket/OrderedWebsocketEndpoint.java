package io.caravan.feed.websocket;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.common.VertxHelper;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Owns the client socket shared by the consumer and the producers of one URI.
 * <ul>
 * <li>The consumer's handlers are attached inside the connect callback, on the event loop, before the first frame
 * can be delivered, whoever opened the socket (a producer connecting first must not leave the consumer deaf:
 * CAMEL-25601).</li>
 * <li>{@code tokenConfig=<property>} names a configuration property whose value is sent as the {@code token} query
 * parameter: the secret never goes through Camel's URI or placeholder handling, which log at debug level.</li>
 * <li>{@code maxConnectionAge=<ms>} makes the consumer replace a connection once it is that old (Binance cuts every
 * connection at 24 h); it is not sent to the server.</li>
 * </ul>
 */
public class OrderedWebsocketEndpoint extends VertxWebsocketEndpoint {

    static final String TOKEN_CONFIG = "tokenConfig";
    static final String MAX_CONNECTION_AGE = "maxConnectionAge";
    static final int MAX_FRAME = 16 * 1024 * 1024;

    private HttpClient client;
    private volatile WebSocket socket;
    private Consumer<WebSocket> onNewSocket;

    public OrderedWebsocketEndpoint(String uri, VertxWebsocketComponent component, VertxWebsocketConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public org.apache.camel.Consumer createConsumer(Processor processor) throws Exception {
        if (!getConfiguration().isConsumeAsClient()) {
            return super.createConsumer(processor);
        }
        OrderedClientConsumer consumer = new OrderedClientConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The open socket, or a new one. Never opened on an event loop: opening waits for Vert.x to call back, on an event
     * loop, maybe this one. A route that sends on every OPEN (Finnhub's subscriptions) has its second send continued
     * by Camel on the event loop that completed the first; when the connection was cut in between, that send waited
     * there, for the connect timeout (61 s), for a callback only that blocked loop could run, and every feed
     * connection on it stood still. Such a send now fails at once: the consumer reconnects by itself, and the route
     * sends again on the next OPEN.
     */
    @Override
    protected WebSocket getWebSocket() throws Exception {
        WebSocket current = socket;
        if (current != null && !current.isClosed()) {
            return current;
        }
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Not connected to " + address()
                    + "; not reconnecting on an event loop (the feed reconnects by itself)");
        }
        return openWebSocket();
    }

    private synchronized WebSocket openWebSocket() throws Exception {
        if (socket != null && !socket.isClosed()) {
            return socket;
        }
        HttpClientOptions options = getConfiguration().getClientOptions() != null
                ? new HttpClientOptions(getConfiguration().getClientOptions())
                // a busy trade frame can outgrow Vert.x's 64 KiB default, which would drop the connection; the
                // consumer joins a message's frames itself and refuses one above max-frame-bytes, so Vert.x's own
                // limit is only for a single frame (it holds one that big before it can be refused)
                : new HttpClientOptions().setMaxWebSocketFrameSize(Math.max(MAX_FRAME, maxFrameBytes()))
                        .setMaxWebSocketMessageSize(Math.max(MAX_FRAME, maxFrameBytes()));
        if (getConfiguration().getSslContextParameters() != null) {
            VertxHelper.setupSSLOptions(getCamelContext(), getConfiguration().getSslContextParameters(), options);
        }
        if (client == null) {
            client = getVertx().createHttpClient(options);
        }
        WebSocketConnectOptions connect = getWebSocketConnectOptions(options);
        connect.setURI(forServer(connect.getURI(), name -> ConfigProvider.getConfig().getOptionalValue(name, String.class)));
        Consumer<WebSocket> listener = onNewSocket;
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        client.webSocket(connect, result -> {
            if (result.succeeded()) {
                if (listener != null) {
                    listener.accept(result.result());
                }
                opened.complete(result.result());
            } else {
                opened.completeExceptionally(result.cause());
            }
        });
        socket = opened.get(options.getConnectTimeout() + 1_000L, TimeUnit.MILLISECONDS);
        return socket;
    }

    /**
     * The path-and-query sent to the server: {@code tokenConfig=<property>} replaced by {@code token=<value of
     * property>} (dropped when the property is unset or blank), {@code maxConnectionAge} dropped.
     */
    static String forServer(String pathAndQuery, Function<String, Optional<String>> config) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        List<String> params = new ArrayList<>();
        for (String param : pathAndQuery.substring(q + 1).split("&")) {
            if (param.startsWith(MAX_CONNECTION_AGE + "=")) {
                continue; // ours, not the server's
            }
            if (param.startsWith(TOKEN_CONFIG + "=")) {
                config.apply(param.substring(TOKEN_CONFIG.length() + 1)).filter(v -> !v.isBlank())
                        .ifPresent(v -> params.add("token=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            } else if (!param.isEmpty()) {
                params.add(param);
            }
        }
        String path = pathAndQuery.substring(0, q);
        return params.isEmpty() ? path : path + "?" + String.join("&", params);
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        socket = null;
        if (client != null) {
            client.close();
            client = null;
        }
        super.doStop();
    }

    synchronized void onNewSocket(Consumer<WebSocket> listener) {
        this.onNewSocket = listener;
    }

    /**
     * Forgets the socket if it is still the shared one, so that the next connect (and the next producer) opens a new
     * one instead of writing to a connection being given up on.
     */
    synchronized void forget(WebSocket ws) {
        if (socket == ws) {
            socket = null;
        }
    }

    WebSocket connect() throws Exception {
        return getWebSocket();
    }

    Vertx vertx() {
        return getVertx();
    }

    /** {@code maxConnectionAge} in milliseconds, 0 when absent: connections live until the server closes them. */
    long maxConnectionAgeMillis() {
        String query = getConfiguration().getWebsocketURI().getRawQuery();
        if (query != null) {
            for (String param : query.split("&")) {
                if (param.startsWith(MAX_CONNECTION_AGE + "=")) {
                    return Long.parseLong(param.substring(MAX_CONNECTION_AGE.length() + 1));
                }
            }
        }
        return 0;
    }

    /** caravan.websocket.max-frame-bytes: the largest message the consumer takes in. */
    int maxFrameBytes() {
        return ((OrderedWebsocketComponent) getComponent()).maxFrameBytes();
    }

    /** caravan.websocket.max-pending-bytes: messages waiting for the route, per connection, before it pauses. */
    long maxPendingBytes() {
        return ((OrderedWebsocketComponent) getComponent()).maxPendingBytes();
    }

    /** caravan.websocket.stale-after in milliseconds; 0 = off. */
    long staleAfterMillis() {
        return ((OrderedWebsocketComponent) getComponent()).staleAfterMillis();
    }

    /** host:port only: the query may name where the token comes from. */
    String address() {
        URI uri = getConfiguration().getWebsocketURI();
        return uri.getHost() + ":" + uri.getPort();
    }
}
