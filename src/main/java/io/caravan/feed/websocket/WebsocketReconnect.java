package io.caravan.feed.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Route;

/** Lets a feed route drop its own connection and reconnect, e.g. when the server announces its shutdown. */
@ApplicationScoped
@Named("websocketReconnect")
public class WebsocketReconnect {

    /** Reconnects the client consumer of the route the exchange came from. */
    public void reconnect(Exchange exchange, String reason) {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        if (route != null && route.getConsumer() instanceof OrderedClientConsumer consumer) {
            consumer.reconnect(reason);
        } else {
            throw new IllegalStateException("Route " + exchange.getFromRouteId()
                    + " does not consume with caravan's WebSocket client; cannot reconnect it");
        }
    }
}
