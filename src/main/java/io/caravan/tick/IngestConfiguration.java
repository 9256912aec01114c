package io.caravan.tick;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling shared by feed routes (YAML, {@code routeConfigurationId: ingest}) and the tick routes: a bad frame
 * or trade is recorded in the dead letter and the feed goes on with the next one.
 */
public class IngestConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        // refusals and anything unexpected alike: recorded with their reason, never lost, never fatal to the feed
        routeConfiguration(TickRoutes.INGEST)
                .onException(Exception.class)
                    .handled(true)
                    .to("direct:dead-letter");
    }
}
