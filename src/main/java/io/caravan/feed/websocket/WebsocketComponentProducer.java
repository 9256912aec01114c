package io.caravan.feed.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import io.vertx.core.Vertx;

import io.caravan.CaravanConfig;

/**
 * Puts {@link OrderedWebsocketComponent} in the registry under the standard scheme, on Quarkus's Vert.x, with the
 * limits of {@code caravan.websocket.*}.
 */
@ApplicationScoped
public class WebsocketComponentProducer {

    @Produces
    @ApplicationScoped
    @Named("vertx-websocket")
    OrderedWebsocketComponent vertxWebsocket(Vertx vertx, CaravanConfig config) {
        OrderedWebsocketComponent component = new OrderedWebsocketComponent();
        component.setVertx(vertx);
        component.setMaxFrameBytes(config.websocket().maxFrameBytes());
        component.setMaxPendingBytes(config.websocket().maxPendingBytes());
        component.setStaleAfterMillis(config.websocket().staleAfter().toMillis());
        return component;
    }
}
