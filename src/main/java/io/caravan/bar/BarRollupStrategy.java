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
    }

    private final BarIntervals intervals;

    public BarRollupStrategy(BarIntervals intervals) {
        this.intervals = intervals;
    }

    /** The parts a closed bar feeds: one per longer interval for a base bar, none for a rolled-up one. */
    public List<Part> parts(Bar bar) {
        if (!bar.interval().equals(intervals.base())) {
            return List.of();
        }
        return intervals.rollups().stream().map(target -> new Part(bar, target)).toList();
    }

    public Expression correlation() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                Part part = exchange.getMessage().getBody(Part.class);
                return BarKey.of(part.bar().symbol(), part.target(), part.target().bucketStart(part.bar().openTime()));
            }
        };
    }

    @Override
    public Exchange aggregate(Exchange rolled, Exchange partExchange) {
        Part part = partExchange.getMessage().getBody(Part.class);
        if (rolled == null) {
            partExchange.getMessage().setBody(BarBuilder.forBar(part.bar(), part.target()));
            return partExchange;
        }
        rolled.getMessage().getBody(BarBuilder.class).merge(part.bar());
        return rolled;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getMessage().getBody(BarBuilder.class).build());
    }
}
