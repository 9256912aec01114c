package io.caravan.feed.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedSymbols;
import io.caravan.routes.RouteTemplateInstances;

/**
 * Adds the Binance feed's routes from the template {@code binance-connection} (routes/binance.yaml): one route per
 * connection, {@code feed-binance}, then {@code feed-binance-2}, ... when the symbols need more than one. Made through
 * {@link RouteTemplateInstances}, so that a live reload of routes/binance.yaml makes them again from the new template.
 */
@ApplicationScoped
public class BinanceRoutes {

    public static final String TEMPLATE = "binance-connection";
    public static final String FIRST_ROUTE = "feed-binance";

    private final CaravanConfig config;
    private final FeedSymbols symbols;
    private final RouteTemplateInstances templates;

    public BinanceRoutes(CaravanConfig config, FeedSymbols symbols, RouteTemplateInstances templates) {
        this.config = config;
        this.symbols = symbols;
        this.templates = templates;
    }

    /** @return the ids of the routes added, not started */
    public List<String> add(CamelContext context) {
        List<String> connections = BinanceStreams.perConnection(symbols.of("binance"),
                BinanceStreams.MAX_STREAMS_PER_CONNECTION, config.binance().klines());
        List<String> routeIds = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            String routeId = i == 0 ? FIRST_ROUTE : FIRST_ROUTE + "-" + (i + 1);
            if (context.getRoute(routeId) == null) {
                templates.add(context, TEMPLATE, routeId, Map.of("streams", connections.get(i),
                        "maxConnectionAge", config.binance().maxConnectionAge().toMillis()));
            }
            routeIds.add(routeId);
        }
        return routeIds;
    }
}
