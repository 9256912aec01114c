package io.caravan.bar;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;

import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

/**
 * Ticks into the base bars of their bucket: one group per base bucket, whose body is a {@link BarBook} (every
 * symbol's bar of that bucket). The group completes once, when the clock closes the bucket, and then carries every
 * bar of the bucket as one batch ({@code List<Bar>}). The arithmetic is {@link BarBuilder}'s.
 */
@ApplicationScoped
public class TickAggregationStrategy implements AggregationStrategy {

    /** Exchange property set on a tick fetched over REST (gap-fill, backfill): its bar is marked backfilled. */
    public static final String BACKFILL = "caravanBackfill";

    private final Interval base;
    private final ClosedBars closedBars;
    private final ClosedBuckets closedBuckets = new ClosedBuckets(BarRoutes.CLOSED_KEYS);

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
                return exchange.getMessage().getBody(TickGroup.class).key().text();
            }
        };
    }

    /** The key of the tick's base bucket (all symbols). */
    public BarKey keyOf(Tick tick) {
        return BarBook.keyOf(base, base.bucketStart(tick.ts()));
    }

    /**
     * The new exchange carries a {@link TickGroup}: one bucket's ticks, from a batch or fetched. A live trade never
     * opens a bucket that has closed (see {@link ClosedBuckets}); it is refused as late.
     */
    @Override
    public Exchange aggregate(Exchange book, Exchange ticksExchange) {
        List<Tick> ticks = ticksExchange.getMessage().getBody(TickGroup.class).ticks();
        boolean backfill = isBackfill(ticksExchange);
        if (book == null) {
            BarKey key = keyOf(ticks.get(0));
            if (!backfill && closedBuckets.isClosed(key.text())) {
                throw new TickRejectedException(RejectReason.LATE, "bucket " + Instant.ofEpochMilli(key.openTime())
                        + " already closed", ticks.get(0).toString());
            }
            ticksExchange.getMessage().setBody(new BarBook(base, key.openTime()));
            book = ticksExchange;
        }
        BarBook bars = book.getMessage().getBody(BarBook.class);
        for (Tick tick : ticks) {
            bars.add(tick, backfill);
        }
        return book;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        BarBook book = exchange.getMessage().getBody(BarBook.class);
        closedBuckets.closed(book.key().text());
        exchange.getMessage().setBody(closedBars.remember(book));
    }
}
