package io.caravan.feed.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import io.vertx.core.Vertx;

/** Puts {@link OrderedWebsocketComponent} in the registry under the standard scheme, on Quarkus's Vert.x. */
@ApplicationScoped
public class WebsocketComponentProducer {

    @Produces
    @ApplicationScoped
    @Named("vertx-websocket")
    OrderedWebsocketComponent vertxWebsocket(Vertx vertx) {
        OrderedWebsocketComponent component = new OrderedWebsocketComponent();
        component.setVertx(vertx);
        return component;
    }
}
