package io.caravan.bar;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;

/** Closed base bars into every longer interval. */
@ApplicationScoped
public class BarRollupStrategy implements AggregationStrategy {

    /** One closed base bar on its way into the bar of a longer interval. */
    public record Part(Bar bar, Interval target) {

        public String targetKey() {
            return BarKey.of(bar.symbol(), target, target.bucketStart(bar.openTime()));
        }
    }

    private final BarIntervals intervals;
    private final ClosedBars closedBars;

    public BarRollupStrategy(BarIntervals intervals, ClosedBars closedBars) {
        this.intervals = intervals;
        this.closedBars = closedBars;
    }

    /** The parts a closed base bar feeds: one per longer interval, none for a rolled-up bar. */
    public List<Part> parts(Bar bar) {
        if (!bar.interval().equals(intervals.base())) {
            return List.of();
        }
        return intervals.rollups().stream().map(target -> new Part(bar, target)).toList();
    }

    /** The parts whose longer bar is still open (or not yet begun): those go through the aggregator. */
    public List<Part> openParts(Bar bar) {
        return parts(bar).stream().filter(part -> closedBars.get(part.targetKey()) == null).toList();
    }

    public Expression correlation() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return exchange.getMessage().getBody(Part.class).targetKey();
            }
        };
    }

    @Override
    public Exchange aggregate(Exchange rolled, Exchange partExchange) {
        Part part = partExchange.getMessage().getBody(Part.class);
        if (rolled == null) {
            partExchange.getMessage().setBody(RollupBar.forPart(part.bar(), part.target()));
            return partExchange;
        }
        rolled.getMessage().getBody(RollupBar.class).put(part.bar());
        return rolled;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        RollupBar rollup = exchange.getMessage().getBody(RollupBar.class);
        Bar bar = rollup.build();
        closedBars.remember(bar, rollup);
        exchange.getMessage().setBody(bar);
    }
}
