package io.caravan.feed.websocket;

import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * camel-vertx-websocket with a client consumer that market feeds can rely on. Registered under the component's own
 * name, so routes keep standard {@code vertx-websocket:} URIs and options. In Camel 4.16 the client consumer
 * processes frames on a worker pool without ordering, reconnects at a fixed interval with overlapping attempts
 * (CAMEL-25582) and gives no signal on (re)connect; this one keeps frame order, backs off exponentially with one
 * attempt at a time, and honours {@code fireWebSocketConnectionEvents} so a route can subscribe on every connect.
 */
@Component("vertx-websocket") // the annotation is not inherited; Camel finds the option configurers by this name
public class OrderedWebsocketComponent extends VertxWebsocketComponent {

    private int maxFrameBytes = 1024 * 1024;
    private long maxPendingBytes = 32L * 1024 * 1024;
    private long staleAfterMillis;

    /** The largest message (all its frames) a client consumer takes in; a larger one is refused as too large. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public void setMaxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Bytes of messages a client consumer lets wait for its route before it pauses the socket. */
    public long maxPendingBytes() {
        return maxPendingBytes;
    }

    public void setMaxPendingBytes(long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    /** Silence after which a client connection is taken for dead and replaced; 0 = never. */
    public long staleAfterMillis() {
        return staleAfterMillis;
    }

    public void setStaleAfterMillis(long staleAfterMillis) {
        this.staleAfterMillis = staleAfterMillis;
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new OrderedWebsocketEndpoint(uri, this, configuration);
    }
}
