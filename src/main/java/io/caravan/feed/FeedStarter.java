package io.caravan.feed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.feed.alltick.AllTickRoutes;
import io.caravan.feed.binance.BinanceRoutes;
import io.caravan.simulator.SimulatorService;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the feed routes named in {@code caravan.feeds} (they are all {@code autoStartup: false}). The simulator
 * feed is the built-in exchange plus the Finnhub route pointed at it; the binance and alltick feeds' routes are added
 * from their templates, per connection (and, for AllTick, a heartbeat route per connection). Each feed has its own connection(s): one that cannot connect keeps retrying on its
 * own, and one whose route fails to start is logged without stopping the others.
 */
@ApplicationScoped
public class FeedStarter {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStarter.class);

    private final CaravanConfig config;
    private final SimulatorService simulator;
    private final CamelContext context;
    private final BinanceRoutes binanceRoutes;
    private final AllTickRoutes alltickRoutes;

    public FeedStarter(CaravanConfig config, SimulatorService simulator, CamelContext context,
            BinanceRoutes binanceRoutes, AllTickRoutes alltickRoutes) {
        this.config = config;
        this.simulator = simulator;
        this.context = context;
        this.binanceRoutes = binanceRoutes;
        this.alltickRoutes = alltickRoutes;
    }

    // StartupEvent, not CamelContextStartedEvent: observing a Camel event turns on Camel Quarkus's event bridge,
    // which then runs for every exchange. Camel Quarkus has started the context before StartupEvent.
    void onStart(@Observes StartupEvent event) throws Exception {
        if (!context.getStatus().isStarted()) {
            throw new IllegalStateException("Camel context not started before the feeds");
        }
        List<String> feeds = config.feeds().stream().map(String::trim).toList();
        if (feeds.containsAll(List.of("simulator", "finnhub"))) {
            throw new IllegalArgumentException("caravan.feeds: simulator and finnhub share the Finnhub route "
                    + "(caravan.finnhub.url); name one of them");
        }
        Set<String> routes = new LinkedHashSet<>();
        for (String feed : feeds) {
            switch (feed) {
                case "simulator" -> {
                    simulator.start();
                    // a Camel service stops after the routes: the feed does not see its exchange vanish at shutdown
                    context.addService(new ServiceSupport() {
                        @Override
                        protected void doStop() {
                            simulator.stop();
                        }
                    }, true, true);
                    routes.add("feed-finnhub");
                }
                case "finnhub" -> routes.add("feed-finnhub");
                case "binance" -> routes.addAll(addTemplated("binance", "routes/binance.yaml",
                        () -> binanceRoutes.add(context)));
                case "alltick" -> routes.addAll(addTemplated("alltick", "routes/alltick.yaml",
                        () -> alltickRoutes.add(context)));
                case "replay" -> routes.add("feed-replay");
                case "", "none" -> {
                    // no feed: bars only from what other routes send to direct:trade
                }
                default -> throw new IllegalArgumentException(
                        "caravan.feeds: unknown feed '" + feed + "' (known: simulator, finnhub, binance, alltick, replay, none)");
            }
        }
        for (String route : routes) {
            if (context.getRoute(route) == null) {
                throw new IllegalStateException("feed route " + route + " is missing from routes/");
            }
        }
        for (String route : routes) {
            LOG.info("Starting feed route {}", route);
            try {
                context.getRouteController().startRoute(route);
            } catch (Exception e) {
                // one feed failing never stops another
                LOG.error("Feed route {} did not start; the other feeds run without it", route, e);
            }
        }
    }

    /** A feed whose routes are added from templates in its routes file, one or several per connection. */
    interface TemplatedFeed {
        List<String> add() throws Exception;
    }

    private static List<String> addTemplated(String feed, String file, TemplatedFeed routes) {
        try {
            return routes.add();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("caravan.feeds: " + feed + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("caravan.feeds: " + feed + ": cannot add its routes from the templates in "
                    + file + ": " + e.getMessage(), e);
        }
    }
}
