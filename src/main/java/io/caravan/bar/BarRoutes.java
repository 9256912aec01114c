package io.caravan.bar;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

import io.caravan.quote.QuoteBook;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRoutes;

/**
 * Ticks → base bars → longer bars, both with Camel's Aggregator EIP. Groups never complete on their own: the
 * {@link BarClock} closes them through their aggregate controllers when their bucket (plus grace) has passed.
 * <p>
 * Completed bars are sent on the thread that closes them (Camel's default is a separate "Aggregator" thread per
 * aggregator): a base bar must have reached its rollup group before the clock closes that group in the same sweep.
 */
@ApplicationScoped
public class BarRoutes extends RouteBuilder {

    /** Every closed bar, of every interval, is also sent here before the sinks (the API's recent bars, the page). */
    public static final String CLOSED_BAR_WATCHERS = "direct:bar-watchers";

    /** Closed correlation keys remembered, so a tick slipping past the late check cannot reopen a closed bucket. */
    static final int CLOSED_KEYS = 100_000;

    private final BarClock clock;
    private final OpenBars openBars;
    private final TickAggregationStrategy ticks;
    private final BarRollupStrategy rollup;
    private final QuoteBook quotes;
    private final BarRevisions revisions;

    public BarRoutes(BarClock clock, OpenBars openBars, TickAggregationStrategy ticks, BarRollupStrategy rollup,
            QuoteBook quotes, BarRevisions revisions) {
        this.clock = clock;
        this.openBars = openBars;
        this.ticks = ticks;
        this.rollup = rollup;
        this.quotes = quotes;
        this.revisions = revisions;
    }

    @Override
    public void configure() {
        // a trade fetched over REST (BarRevisions) skips the clock and the quote: it is old news, its bar is due
        from("direct:tick").routeId("bars").routeConfigurationId(TickRoutes.INGEST)
                .process(e -> {
                    if (!TickAggregationStrategy.isBackfill(e)) {
                        Tick tick = e.getMessage().getBody(Tick.class);
                        clock.admit(tick);
                        // only an admitted tick moves the quote: a late one counts nowhere but in the dead letter
                        quotes.update(tick);
                    }
                })
                .aggregate(ticks.correlation(), ticks)
                    .aggregationRepository(openBars.baseGroups())
                    .aggregateController(openBars.baseController())
                    .executorService(new SynchronousExecutorService())
                    .closeCorrelationKeyOnCompletion(CLOSED_KEYS)
                    .completionPredicate(constant(false))
                    .to("direct:bar-closed")
                .end()
                .process(e -> {
                    if (!TickAggregationStrategy.isBackfill(e)) {
                        clock.afterTick();
                    }
                });

        from("direct:bar-closed").routeId("bar-closed")
                .to(CLOSED_BAR_WATCHERS)
                .to("direct:sinks")
                .bean(revisions, "reviseClosedRollups")
                .split(method(rollup, "openParts"))
                    .aggregate(rollup.correlation(), rollup)
                        .aggregationRepository(openBars.rollupGroups())
                        .aggregateController(openBars.rollupController())
                        .executorService(new SynchronousExecutorService())
                        .closeCorrelationKeyOnCompletion(CLOSED_KEYS)
                        .completionPredicate(constant(false))
                        .to("direct:bar-closed");

        from(BarRevisions.REVISED).routeId("bar-revised")
                .to(CLOSED_BAR_WATCHERS)
                .to("direct:sinks");

        from("timer:bar-clock?period=250").routeId("bar-clock")
                .bean(clock, "onTimer");
    }
}
