package io.caravan.bar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

import io.caravan.market.OutOfSessionTrades;
import io.caravan.quote.QuoteBook;
import io.caravan.tick.Refusals;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickRoutes;

/**
 * Ticks → base bars → longer bars, both with Camel's Aggregator EIP, one group per bucket ({@link BarBook}: every
 * symbol's bar of it). Groups never complete on their own: the {@link BarClock} closes them through their aggregate
 * controllers when their bucket (plus grace) has passed, and each close goes on as one batch of bars.
 * <p>
 * Completed bars are sent on the thread that closes them (Camel's default is a separate "Aggregator" thread per
 * aggregator): a base bar must have reached its rollup group before the clock closes that group in the same sweep.
 */
@ApplicationScoped
public class BarRoutes extends RouteBuilder {

    /** Every closed bar, of every interval, is also sent here before the sinks (the API's recent bars, the page). */
    public static final String CLOSED_BAR_WATCHERS = "direct:bar-watchers";

    /** Closed base buckets remembered, so a tick slipping past the late check cannot reopen one ({@link ClosedBuckets}). */
    static final int CLOSED_KEYS = 100_000;

    private final BarClock clock;
    private final OpenBars openBars;
    private final TickAggregationStrategy ticks;
    private final BarRollupStrategy rollup;
    private final QuoteBook quotes;
    private final BarRevisions revisions;
    private final Refusals refusals;
    private final OutOfSessionTrades outOfSession;
    private final FlatBars flatBars;

    public BarRoutes(BarClock clock, OpenBars openBars, TickAggregationStrategy ticks, BarRollupStrategy rollup,
            QuoteBook quotes, BarRevisions revisions, Refusals refusals, OutOfSessionTrades outOfSession,
            FlatBars flatBars) {
        this.clock = clock;
        this.openBars = openBars;
        this.ticks = ticks;
        this.rollup = rollup;
        this.quotes = quotes;
        this.revisions = revisions;
        this.refusals = refusals;
        this.outOfSession = outOfSession;
        this.flatBars = flatBars;
    }

    @Override
    public void configure() {
        // one base bucket's ticks (a TickGroup): admitted by the batch route below, or fetched over REST (BarRevisions:
        // old news, their bar is due, they skip the clock and the quote)
        from("direct:tick").routeId("bars").routeConfigurationId(TickRoutes.INGEST)
                .process(e -> {
                    if (TickAggregationStrategy.isBackfill(e)) {
                        // a trade outside its market's regular session is kept, and counted (io.caravan.market); an
                        // admitted one was counted as it was admitted
                        e.getMessage().getBody(TickGroup.class).ticks().forEach(outOfSession::record);
                    }
                })
                .aggregate(ticks.correlation(), ticks)
                    .aggregationRepository(openBars.baseGroups())
                    .aggregateController(openBars.baseController())
                    .executorService(new SynchronousExecutorService())
                    .completionPredicate(constant(false))
                    .to("direct:bar-closed")
                .end();

        // validated ticks of a frame: each admitted in order (late ones refused one by one, as alone), then one
        // exchange per base bucket they touch (almost always one); the clock moves once the whole batch is in
        from("direct:tick-batch").routeId("bar-batches").routeConfigurationId(TickRoutes.INGEST)
                .process(e -> e.getMessage().setBody(admit(e, e.getMessage().getBody(List.class))))
                .split(body())
                    .to("direct:tick")
                .end()
                .process(e -> clock.afterTick());

        // the bars of a closed bucket (or revised bars) as one batch, a List<Bar>: one exchange per close to the
        // watchers and the sinks, one per longer bucket into the rollups. No closed-key check on the rollups: a bar
        // begun by fetched trades in a closed base bucket may begin a longer bar in a closed bucket, as it always could
        from("direct:bar-closed").routeId("bar-closed")
                .process(e -> flatBars.closed(bars(e)))
                .to(CLOSED_BAR_WATCHERS)
                .to("direct:sinks")
                .process(e -> revisions.reviseClosedRollups(bars(e)))
                .split(method(rollup, "openParts"))
                    .aggregate(rollup.correlation(), rollup)
                        .aggregationRepository(openBars.rollupGroups())
                        .aggregateController(openBars.rollupController())
                        .executorService(new SynchronousExecutorService())
                        .completionPredicate(constant(false))
                        .to("direct:bar-closed");

        // revised longer bars, and flat bars (FlatBars): watchers and sinks, never the rollups
        from(BarRevisions.REVISED).routeId("bar-revised")
                .to(CLOSED_BAR_WATCHERS)
                .to("direct:sinks");

        from("timer:bar-clock?period=" + BarClock.TIMER_PERIOD_MS).routeId("bar-clock")
                .bean(clock, "onTimer");
    }

    @SuppressWarnings("unchecked")
    private static List<Bar> bars(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    private List<TickGroup> admit(Exchange batch, List<?> validated) {
        Map<BarKey, List<Tick>> groups = new LinkedHashMap<>();
        List<?> raws = batch.getProperty(TickRoutes.RAWS_PROPERTY, List.class);
        for (int i = 0; i < validated.size(); i++) {
            Tick tick = (Tick) validated.get(i);
            try {
                clock.admit(tick);
            } catch (TickRejectedException e) {
                refusals.send(batch, tick, raws == null ? tick.toString() : (String) raws.get(i), e);
                continue;
            }
            quotes.update(tick);
            outOfSession.record(tick);
            groups.computeIfAbsent(ticks.keyOf(tick), k -> new ArrayList<>()).add(tick);
        }
        List<TickGroup> out = new ArrayList<>(groups.size());
        groups.forEach((key, list) -> out.add(new TickGroup(key, list)));
        return out;
    }
}
