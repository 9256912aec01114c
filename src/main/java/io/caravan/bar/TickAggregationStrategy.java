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

    private final Interval base;

    public TickAggregationStrategy(BarIntervals intervals) {
        this.base = intervals.base();
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
        if (bar == null) {
            tickExchange.getMessage().setBody(BarBuilder.forTick(tick, base));
            return tickExchange;
        }
        bar.getMessage().getBody(BarBuilder.class).add(tick);
        return bar;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getMessage().getBody(BarBuilder.class).build());
    }
}
