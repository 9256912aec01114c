package io.caravan.feed.alltick;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

import io.caravan.CaravanConfig;

/**
 * Adds the AllTick feed's routes from routes/alltick.yaml: for each endpoint with codes to subscribe (stocks at
 * caravan.alltick.stock-url, FX/crypto/metals at caravan.alltick.crypto-url), a connection route
 * {@code feed-alltick-<endpoint>} and its heartbeat route {@code alltick-heartbeat-<endpoint>}.
 */
@ApplicationScoped
public class AllTickRoutes {

    public static final String CONNECTION_TEMPLATE = "alltick-connection";
    public static final String HEARTBEAT_TEMPLATE = "alltick-heartbeat";

    private final CaravanConfig config;
    private final AllTickMessages messages;

    public AllTickRoutes(CaravanConfig config, AllTickMessages messages) {
        this.config = config;
        this.messages = messages;
    }

    /** @return the ids of the routes added, not started */
    public List<String> add(CamelContext context) throws Exception {
        List<String> routeIds = new ArrayList<>();
        for (AllTickEndpoint endpoint : AllTickEndpoint.values()) {
            if (messages.codes(endpoint.id()).isEmpty()) {
                continue;
            }
            String url = endpoint == AllTickEndpoint.STOCK ? config.alltick().stockUrl() : config.alltick().cryptoUrl();
            routeIds.add(add(context, CONNECTION_TEMPLATE, "feed-alltick-" + endpoint.id(), endpoint, url));
            routeIds.add(add(context, HEARTBEAT_TEMPLATE, "alltick-heartbeat-" + endpoint.id(), endpoint, url));
        }
        if (routeIds.isEmpty()) {
            throw new IllegalArgumentException("no codes to subscribe (caravan.feed.alltick.symbols or caravan.symbols)");
        }
        return routeIds;
    }

    private String add(CamelContext context, String template, String routeId, AllTickEndpoint endpoint, String url) {
        if (context.getRoute(routeId) == null) {
            TemplatedRouteBuilder.builder(context, template).routeId(routeId)
                    .parameter("endpoint", endpoint.id())
                    .parameter("url", url)
                    .parameter("heartbeatMillis", config.alltick().heartbeatInterval().toMillis())
                    .add();
        }
        return routeId;
    }
}
