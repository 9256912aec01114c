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

    public BarRoutes(BarClock clock, OpenBars openBars, TickAggregationStrategy ticks, BarRollupStrategy rollup,
            QuoteBook quotes) {
        this.clock = clock;
        this.openBars = openBars;
        this.ticks = ticks;
        this.rollup = rollup;
        this.quotes = quotes;
    }

    @Override
    public void configure() {
        from("direct:tick").routeId("bars").routeConfigurationId(TickRoutes.INGEST)
                .process(e -> clock.admit(e.getMessage().getBody(Tick.class)))
                // only an admitted tick moves the quote: a late one counts nowhere but in the dead letter
                .process(e -> quotes.update(e.getMessage().getBody(Tick.class)))
                // a trade outside its market's regular session is kept, and counted (io.caravan.market)
                .bean("outOfSessionTrades", "record")
                .aggregate(ticks.correlation(), ticks)
                    .aggregationRepository(openBars.baseGroups())
                    .aggregateController(openBars.baseController())
                    .executorService(new SynchronousExecutorService())
                    .closeCorrelationKeyOnCompletion(CLOSED_KEYS)
                    .completionPredicate(constant(false))
                    .to("direct:bar-closed")
                .end()
                .process(e -> clock.afterTick());

        from("direct:bar-closed").routeId("bar-closed")
                .to(CLOSED_BAR_WATCHERS)
                .to("direct:sinks")
                .split(method(rollup, "parts"))
                    .aggregate(rollup.correlation(), rollup)
                        .aggregationRepository(openBars.rollupGroups())
                        .aggregateController(openBars.rollupController())
                        .executorService(new SynchronousExecutorService())
                        .closeCorrelationKeyOnCompletion(CLOSED_KEYS)
                        .completionPredicate(constant(false))
                        .to("direct:bar-closed");

        from("timer:bar-clock?period=250").routeId("bar-clock")
                .bean(clock, "onTimer");
    }
}
