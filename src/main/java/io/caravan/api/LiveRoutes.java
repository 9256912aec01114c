package io.caravan.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarRoutes;

/** Closed bars (a batch per close) into the recent-bars store and the next live frame; a timer pushes frames at the display rate. */
@ApplicationScoped
public class LiveRoutes extends RouteBuilder {

    private final long pushMillis;

    public LiveRoutes(CaravanConfig config) {
        this.pushMillis = Math.max(10, config.dashboard().pushInterval().toMillis());
    }

    @Override
    public void configure() {
        // the bar goes on to the sinks whatever happens here: continued, because an error handled in a route called
        // by direct: also ends the caller's route (bar-closed), and the bar would miss its sinks and rollups
        onException(Exception.class).continued(true)
                .log(LoggingLevel.WARN, "Live view: ${exception.message}");

        from(BarRoutes.CLOSED_BAR_WATCHERS).routeId("live-bars")
                .bean("recentBars", "addAll")
                .bean("liveUpdates", "barsClosed");

        from("timer:live-push?period=" + pushMillis).routeId("live-push")
                .bean("liveBroadcaster", "push");
    }
}
