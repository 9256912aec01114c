package io.caravan.sink;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.seda.SedaEndpoint;

import io.caravan.bar.Bar;

/**
 * Turns what a sink route just took from its queue (a bar, or the bars of a close) into a batch: those bars plus
 * whatever else waits in the same queue, while the batch holds fewer than a maximum (the bars of one close are never
 * split). A bar-close burst then costs one round trip per batch instead of one per bar. The body becomes a
 * {@code List<Bar>}; retries and the dead letter handle the batch as a whole.
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
        add(bars, exchange.getMessage().getBody());
        if (exchange.getFromEndpoint() instanceof SedaEndpoint queue) {
            Exchange waiting;
            while (bars.size() < max && (waiting = queue.getQueue().poll()) != null) {
                add(bars, waiting.getMessage().getBody());
                // what was to run when that entry's exchange completed now runs when the batch does
                waiting.getExchangeExtension().handoverCompletions(exchange);
            }
        }
        exchange.getMessage().setBody(bars);
    }

    private static void add(List<Bar> bars, Object entry) {
        if (entry instanceof List<?> batch) {
            for (Object bar : batch) {
                bars.add((Bar) bar);
            }
        } else {
            bars.add((Bar) entry);
        }
    }
}
