package io.caravan.feed.gap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickRoutes;

/**
 * Gaps, one at a time: fetched with exponential backoff and jitter when the REST source fails; a gap still not
 * filled after the retries goes to the dead letter (reason {@code error}, the gap as raw text) and the log.
 */
@ApplicationScoped
public class GapFillRoutes extends RouteBuilder {

    private final CaravanConfig config;

    public GapFillRoutes(CaravanConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        from(GapFill.QUEUE).routeId("gap-fill")
                .onException(Exception.class)
                    .maximumRedeliveries(config.gapFill().maxRedeliveries())
                    .redeliveryDelay(500).useExponentialBackOff().backOffMultiplier(2).maximumRedeliveryDelay(30_000)
                    .useCollisionAvoidance()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "${body} not filled: ${exception.message}")
                    .to("direct:dead-letter")
                .end()
                .bean("gapFill", "fill")
                .split(body())
                    .process(e -> {
                        TickRejectedException refused = e.getMessage().getBody(TickRejectedException.class);
                        e.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
                        e.setProperty(TickRoutes.RAW_PROPERTY, refused.raw());
                    })
                    .to("direct:dead-letter");
    }
}
