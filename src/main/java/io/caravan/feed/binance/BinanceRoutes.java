package io.caravan.feed.binance;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedSymbols;

/**
 * Adds the Binance feed's routes from the template {@code binance-connection} (routes/binance.yaml): one route per
 * connection, {@code feed-binance}, then {@code feed-binance-2}, ... when the symbols need more than one.
 */
@ApplicationScoped
public class BinanceRoutes {

    public static final String TEMPLATE = "binance-connection";
    public static final String FIRST_ROUTE = "feed-binance";

    private final CaravanConfig config;
    private final FeedSymbols symbols;

    public BinanceRoutes(CaravanConfig config, FeedSymbols symbols) {
        this.config = config;
        this.symbols = symbols;
    }

    /** @return the ids of the routes added, not started */
    public List<String> add(CamelContext context) {
        List<String> connections = BinanceStreams.perConnection(symbols.of("binance"),
                BinanceStreams.MAX_STREAMS_PER_CONNECTION);
        List<String> routeIds = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            String routeId = i == 0 ? FIRST_ROUTE : FIRST_ROUTE + "-" + (i + 1);
            if (context.getRoute(routeId) == null) {
                TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(routeId)
                        .parameter("streams", connections.get(i))
                        .parameter("maxConnectionAge", config.binance().maxConnectionAge().toMillis())
                        .add();
            }
            routeIds.add(routeId);
        }
        return routeIds;
    }
}
