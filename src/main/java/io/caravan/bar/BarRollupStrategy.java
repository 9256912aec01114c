package io.caravan.bar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Closed base bars into every longer interval: one group per bucket of each longer interval, whose body is a
 * {@link BarBook} of that bucket's longer bars, completed by the clock like the base buckets.
 */
@ApplicationScoped
public class BarRollupStrategy implements AggregationStrategy {

    /** Closed base bars on their way into the bars of one bucket of a longer interval. */
    public record Part(List<Bar> bars, Interval target, long openTime) {

        public String targetKey() {
            return BarBook.keyOf(target, openTime).text();
        }
    }

    private final BarIntervals intervals;
    private final ClosedBars closedBars;

    public BarRollupStrategy(BarIntervals intervals, ClosedBars closedBars) {
        this.intervals = intervals;
        this.closedBars = closedBars;
    }

    /** The {@link ClosedBars} keys of the longer bars a base bar belongs to: one per longer interval, none for a longer bar. */
    public List<String> targetKeys(Bar bar) {
        if (!bar.interval().equals(intervals.base())) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(intervals.rollups().size());
        for (Interval target : intervals.rollups()) {
            keys.add(BarKey.of(bar.symbol(), target, target.bucketStart(bar.openTime())));
        }
        return keys;
    }

    /**
     * The parts of closed base bars whose longer bar is still open (or not yet begun): those go through the aggregator,
     * one exchange per longer bucket they touch (one per longer interval for the bars of a base bucket).
     */
    public List<Part> openParts(List<Bar> bars) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (Interval target : intervals.rollups()) {
            for (Bar bar : bars) {
                if (!bar.interval().equals(intervals.base())) {
                    continue;
                }
                long openTime = target.bucketStart(bar.openTime());
                if (closedBars.get(BarKey.of(bar.symbol(), target, openTime)) == null) {
                    parts.computeIfAbsent(BarBook.keyOf(target, openTime).text(),
                            k -> new Part(new ArrayList<>(), target, openTime)).bars().add(bar);
                }
            }
        }
        return new ArrayList<>(parts.values());
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
            partExchange.getMessage().setBody(new BarBook(part.target(), part.openTime()));
            rolled = partExchange;
        }
        BarBook book = rolled.getMessage().getBody(BarBook.class);
        for (Bar bar : part.bars()) {
            book.addPart(bar);
        }
        return rolled;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        exchange.getMessage().setBody(closedBars.remember(exchange.getMessage().getBody(BarBook.class)));
    }
}
