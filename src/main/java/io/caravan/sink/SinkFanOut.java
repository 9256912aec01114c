package io.caravan.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;

import io.caravan.bar.Bar;
import io.caravan.metrics.SinkMetrics;

/**
 * Puts each closed bar on the queue of every active sink. A sink whose queue is full gets nothing; the bar goes to
 * the bar dead letter with that sink's name and reason {@code Queue full}, and the other sinks and the rollups carry
 * on. The check and the put are one step (this is the only writer of the queues), so a full queue never raises an
 * error in the middle of a bar close.
 */
@ApplicationScoped
public class SinkFanOut {

    public static final String DEAD_SINK = "caravanDeadSink";
    public static final String DEAD_REASON = "caravanDeadReason";

    private final Sinks sinks;
    private final CamelContext camel;
    private final SinkMetrics metrics;
    private final Map<String, SedaEndpoint> queues = new ConcurrentHashMap<>();
    private ProducerTemplate producer;

    public SinkFanOut(Sinks sinks, CamelContext camel, SinkMetrics metrics) {
        this.sinks = sinks;
        this.camel = camel;
        this.metrics = metrics;
    }

    public synchronized void send(Bar bar) {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        metrics.handedToSinks(bar);
        for (String sink : sinks.active()) {
            SedaEndpoint queue = queues.computeIfAbsent(sink,
                    s -> camel.getEndpoint(sinks.queue(s), SedaEndpoint.class));
            if (queue.getQueue().remainingCapacity() > 0) {
                Exchange sent = producer.send(queue, e -> {
                    e.getMessage().setBody(bar);
                    e.getExchangeExtension().addOnCompletion(metrics.outcome(sink, bar));
                });
                if (sent.getException() != null) {
                    throw CamelExecutionException.wrapCamelExecutionException(sent, sent.getException());
                }
            } else {
                metrics.queueFull(sink);
                producer.send("direct:bar-dead-letter", e -> {
                    e.getMessage().setBody(bar);
                    e.setProperty(DEAD_SINK, sink);
                    e.setProperty(DEAD_REASON, "Queue full: " + queue.getCurrentQueueSize() + " bars waiting");
                });
            }
        }
    }
}
