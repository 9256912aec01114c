package io.caravan.sink;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.seda.SedaEndpoint;

import io.caravan.bar.Bar;

/**
 * Turns the bar a sink route just took from its queue into a batch: that bar plus whatever else waits in the same
 * queue, up to a maximum. A bar-close burst then costs one round trip per batch instead of one per bar. The body
 * becomes a {@code List<Bar>}; retries and the dead letter handle the batch as a whole.
 */
public final class SinkBatch implements Processor {

    private final int max;

    public SinkBatch(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + max);
        }
        this.max = max;
    }

    @Override
    public void process(Exchange exchange) {
        List<Bar> bars = new ArrayList<>();
        bars.add(exchange.getMessage().getBody(Bar.class));
        if (exchange.getFromEndpoint() instanceof SedaEndpoint queue) {
            List<Exchange> waiting = new ArrayList<>();
            queue.getQueue().drainTo(waiting, max - 1);
            for (Exchange bar : waiting) {
                bars.add(bar.getMessage().getBody(Bar.class));
                // what was to run when that bar's exchange completed now runs when the batch does
                bar.getExchangeExtension().handoverCompletions(exchange);
            }
        }
        exchange.getMessage().setBody(bars);
    }
}
