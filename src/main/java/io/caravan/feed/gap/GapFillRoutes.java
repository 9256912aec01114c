package io.caravan.feed.gap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import io.caravan.CaravanConfig;
import io.caravan.http.HttpStatusException;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickRoutes;

/**
 * Gaps, one at a time per source (trades, klines): fetched again with exponential backoff and jitter when the REST source fails (a
 * {@code Retry-After} sets the wait); a gap still not filled after the retries goes to the dead letter (reason
 * {@code error}, the gap as raw text) and the log.
 */
@ApplicationScoped
public class GapFillRoutes extends RouteBuilder {

    private final CaravanConfig config;
    private final GapFill gapFill;

    public GapFillRoutes(CaravanConfig config, GapFill gapFill) {
        this.config = config;
        this.gapFill = gapFill;
    }

    /** A 429 or 503 with {@code Retry-After}: the next try waits what the provider asked for. */
    private static void obeyRetryAfter(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (cause != null && !(cause instanceof HttpStatusException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpStatusException failed) {
            failed.retryAfterMillis().ifPresent(wait -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait));
        }
    }

    @Override
    public void configure() {
        fill(from(GapFill.QUEUE).routeId("gap-fill"))
                .bean("gapFill", "fill")
                .to("direct:gap-fill-refused");

        // a gap filled from klines waits for its last minute to close first (the kline is complete then)
        fill(from(GapFill.KLINE_QUEUE).routeId("gap-fill-klines"))
                .bean("gapFill", "awaitKlines")
                .bean("gapFill", "fillFromKlines")
                .to("direct:gap-fill-refused");

        // a feed that reconnected but has had no trade since: its gap ends where the connection opened
        from("timer:gap-fill-quiet?period=1000").routeId("gap-fill-quiet").autoStartup(gapFill.watchesQuietFeeds())
                .bean("gapFill", "fillQuietGaps");

        from("direct:gap-fill-refused").routeId("gap-fill-refused")
                .split(body())
                    .process(e -> {
                        TickRejectedException refused = e.getMessage().getBody(TickRejectedException.class);
                        e.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
                        e.setProperty(TickRoutes.RAW_PROPERTY, refused.raw());
                    })
                    .to("direct:dead-letter");
    }

    private RouteDefinition fill(RouteDefinition route) {
        route.onException(Exception.class)
                    .maximumRedeliveries(config.gapFill().maxRedeliveries())
                    .redeliveryDelay(500).useExponentialBackOff().backOffMultiplier(2).maximumRedeliveryDelay(30_000)
                    .useCollisionAvoidance()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .onExceptionOccurred(GapFillRoutes::obeyRetryAfter)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "${body} not filled: ${exception.message}")
                    .to("direct:dead-letter")
                .end();
        return route;
    }
}
