package io.caravan.api;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** The open pages of {@code /api/live}, and the meters that show whether they keep up. */
@ApplicationScoped
public class LiveClients {

    public static final String CLIENTS = "caravan.live.clients";
    public static final String BACKLOG = "caravan.live.backlog";
    public static final String SENDING = "caravan.live.sending";
    public static final String DROPPED = "caravan.live.clients.dropped";
    /** Policy violation: the page did not read its frames. */
    static final int TOO_SLOW = 1008;

    private static final Logger LOG = LoggerFactory.getLogger(LiveClients.class);

    private final Map<String, LiveClient> open = new ConcurrentHashMap<>();
    private final Counter dropped;

    public LiveClients(MeterRegistry registry) {
        Gauge.builder(CLIENTS, open, Map::size).description("Pages connected to /api/live").register(registry);
        Gauge.builder(BACKLOG, this, LiveClients::backlog)
                .description("Quotes, bars and alerts held for pages still sending their previous frame")
                .register(registry);
        Gauge.builder(SENDING, this, LiveClients::sending)
                .description("Pages with a frame not yet written to their socket (at most one each)")
                .register(registry);
        this.dropped = Counter.builder(DROPPED)
                .description("Pages disconnected for not reading their frames (caravan.dashboard.slow-client-timeout)")
                .register(registry);
    }

    void opened(WebSocketConnection connection) {
        open.put(connection.id(), new LiveClient(connection));
    }

    void closed(WebSocketConnection connection) {
        open.remove(connection.id());
    }

    Collection<LiveClient> all() {
        return open.values();
    }

    /** Disconnects a page that stopped reading; the close frame waits behind its unsent frame, bounded. */
    void drop(LiveClient client, long behindMillis) {
        if (open.remove(client.connection().id()) == null) {
            return;
        }
        dropped.increment();
        LOG.warn("Live page {} ({}) disconnected: its last frame has waited {} ms to be written",
                client.connection().id(), client.connection().handshakeRequest().remoteAddress(), behindMillis);
        client.connection().close(new CloseReason(TOO_SLOW, "Too slow: frames not read"))
                .subscribe().with(ok -> {
                }, e -> LOG.debug("Closing live page {}: {}", client.connection().id(), e.toString()));
    }

    private double backlog() {
        return open.values().stream().mapToInt(client -> client.backlog().size()).sum();
    }

    private double sending() {
        return open.values().stream().filter(LiveClient::isSending).count();
    }
}
