package io.caravan.bar;

import java.util.List;

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
                Object body = exchange.getMessage().getBody();
                return body instanceof TickGroup group ? group.key().text() : keyOf((Tick) body).text();
            }
        };
    }

    public BarKey keyOf(Tick tick) {
        return new BarKey(tick.symbol(), base.millis(), base.bucketStart(tick.ts()));
    }

    /** The new exchange carries one tick, or a {@link TickGroup} of one bar's ticks from a batch. */
    @Override
    public Exchange aggregate(Exchange bar, Exchange ticksExchange) {
        Object body = ticksExchange.getMessage().getBody();
        List<Tick> ticks = body instanceof TickGroup group ? group.ticks() : List.of((Tick) body);
        int from = 0;
        if (bar == null) {
            ticksExchange.getMessage().setBody(BarBuilder.forTick(ticks.get(0), base));
            bar = ticksExchange;
            from = 1;
        }
        BarBuilder builder = bar.getMessage().getBody(BarBuilder.class);
        for (int i = from; i < ticks.size(); i++) {
            builder.add(ticks.get(i));
        }
        if (isBackfill(ticksExchange)) {
            builder.markBackfilled();
        }
        return bar;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        BarBuilder builder = exchange.getMessage().getBody(BarBuilder.class);
        Bar bar = builder.build();
        closedBars.remember(bar, builder);
        exchange.getMessage().setBody(bar);
    }
}
