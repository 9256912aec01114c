package io.caravan.bar;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;

import io.caravan.tick.Tick;

/** Ticks into base-interval bars; the arithmetic is {@link BarBuilder}'s. */
@ApplicationScoped
public class TickAggregationStrategy implements AggregationStrategy {

    /** Exchange property set on a tick fetched over REST (gap-fill, backfill): its bar is marked backfilled. */
    public static final String BACKFILL = "caravanBackfill";

    private final Interval base;
    private final ClosedBars closedBars;

    public TickAggregationStrategy(BarIntervals intervals, ClosedBars closedBars) {
        this.base = intervals.base();
        this.closedBars = closedBars;
    }

    public static boolean isBackfill(Exchange exchange) {
        return exchange.getProperty(BACKFILL, false, Boolean.class);
    }

    public Expression correlation() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                Tick tick = exchange.getMessage().getBody(Tick.class);
                return BarKey.of(tick.symbol(), base, base.bucketStart(tick.ts()));
            }
        };
    }

    @Override
    public Exchange aggregate(Exchange bar, Exchange tickExchange) {
        Tick tick = tickExchange.getMessage().getBody(Tick.class);
        BarBuilder builder;
        Exchange group;
        if (bar == null) {
            builder = BarBuilder.forTick(tick, base);
            tickExchange.getMessage().setBody(builder);
            group = tickExchange;
        } else {
            builder = bar.getMessage().getBody(BarBuilder.class).add(tick);
            group = bar;
        }
        if (isBackfill(tickExchange)) {
            builder.markBackfilled();
        }
        return group;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        BarBuilder builder = exchange.getMessage().getBody(BarBuilder.class);
        Bar bar = builder.build();
        closedBars.remember(bar, builder);
        exchange.getMessage().setBody(bar);
    }
}
