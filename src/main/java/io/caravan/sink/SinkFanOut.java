package io.caravan.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.bar.Bar;
import io.caravan.metrics.SinkMetrics;

/**
 * Puts the bars of each close (a batch, {@code List<Bar>}) on the queue of every active sink: as one entry for a sink
 * that writes batches ({@link Sinks#takesBatches}), one entry per bar for the others. A queue is bounded in bars
 * ({@link Sinks#queueSize}). When the queue of a sink that holds back input is full (the built-in sinks, unless
 * {@code caravan.sink.<name>.back-pressure=false}), the closing thread waits for room, and the replay, or the feed's
 * socket, waits with it. For any other sink the bars that do not fit go to the bar dead letter with that sink's name
 * and reason {@code Queue full}, one record each, the bars that fit are queued, and the other sinks and the rollups
 * carry on (as when every bar was put on its own). The check and the put are one step (this is the only writer of the queues), so
 * a full queue never raises an error in the middle of a bar close.
 */
@ApplicationScoped
public class SinkFanOut {

    public static final String DEAD_SINK = "caravanDeadSink";
    public static final String DEAD_REASON = "caravanDeadReason";
    public static final String DEAD_LETTERED = "caravanDeadLettered";
    static final long SLOW_LOG_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(SinkFanOut.class);

    private final Sinks sinks;
    private final CamelContext camel;
    private final SinkMetrics metrics;
    private final Map<String, SedaEndpoint> queues = new ConcurrentHashMap<>();
    private final Set<String> holdingBack;
    private ProducerTemplate producer;

    public SinkFanOut(Sinks sinks, CamelContext camel, SinkMetrics metrics) {
        this.sinks = sinks;
        this.holdingBack = Set.copyOf(sinks.holdingBack());
        this.camel = camel;
        this.metrics = metrics;
    }

    /** The bars of one close (or revised bars) to every active sink. */
    public synchronized void send(List<Bar> bars) {
        for (Bar bar : bars) {
            metrics.handedToSinks(bar);
        }
        for (String sink : sinks.active()) {
            if (sinks.takesBatches(sink)) {
                sendBatch(sink, bars);
            } else {
                for (Bar bar : bars) {
                    sendTo(sink, bar);
                }
            }
        }
    }

    /** One sink only: a bar re-driven from the dead letter. */
    public synchronized void sendTo(String sink, Bar bar) {
        SedaEndpoint queue = queue(sink);
        if (room(sink, queue) == 0 && holdingBack.contains(sink)) {
            awaitRoom(sink, queue);
        }
        if (room(sink, queue) > 0) {
            put(queue, bar, metrics.outcome(sink, bar));
        } else {
            queueFull(sink, queue, bar, 1);
        }
    }

    private void sendBatch(String sink, List<Bar> bars) {
        SedaEndpoint queue = queue(sink);
        int queued = 0;
        boolean waits = holdingBack.contains(sink);
        while (queued < bars.size()) {
            if (waits && room(sink, queue) == 0) {
                awaitRoom(sink, queue);
            }
            // a close larger than the room left goes in parts, each as soon as there is room for it
            int fit = Math.min(bars.size() - queued, room(sink, queue));
            if (fit == 0) {
                break;
            }
            List<Bar> part = List.copyOf(bars.subList(queued, queued + fit));
            put(queue, part, metrics.outcome(sink, part));
            queued += fit;
            if (!waits) {
                break;
            }
        }
        if (queued < bars.size()) {
            queueFull(sink, queue, List.copyOf(bars.subList(queued, bars.size())), bars.size() - queued);
        }
    }

    /** The bars the sink's queue can take now: its bound, in bars, less the bars waiting. */
    private int room(String sink, SedaEndpoint queue) {
        return Math.max(0, sinks.queueSize(sink) - sinks.barsWaiting(sink, queue));
    }

    /**
     * Back-pressure: the closing thread waits for room in the queue of a sink that holds back input
     * ({@code caravan.sink.<name>.back-pressure}), so the engine, and through it the replay or the feed's socket,
     * waits for the sink instead of dead-lettering bars. Ends when there is room or the service is stopping.
     */
    private void awaitRoom(String sink, SedaEndpoint queue) {
        long started = System.nanoTime();
        long logAt = started + SLOW_LOG_NANOS;
        try {
            while (room(sink, queue) == 0 && !camel.isStopping() && !camel.isStopped()) {
                Thread.sleep(1);
                if (System.nanoTime() > logAt) {
                    LOG.warn("Bars wait for sink {}: its queue of {} bars has been full for {} s", sink,
                            sinks.queueSize(sink), (System.nanoTime() - started) / 1_000_000_000L);
                    logAt += SLOW_LOG_NANOS * 6;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.waitedForRoom(sink, System.nanoTime() - started);
        }
    }

    private SedaEndpoint queue(String sink) {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return queues.computeIfAbsent(sink, s -> camel.getEndpoint(sinks.queue(s), SedaEndpoint.class));
    }

    private void put(SedaEndpoint queue, Object body, Synchronization outcome) {
        Exchange sent = producer.send(queue, e -> {
            e.getMessage().setBody(body);
            e.getExchangeExtension().addOnCompletion(outcome);
        });
        if (sent.getException() != null) {
            throw CamelExecutionException.wrapCamelExecutionException(sent, sent.getException());
        }
    }

    private void queueFull(String sink, SedaEndpoint queue, Object bars, int count) {
        metrics.queueFull(sink, count);
        int waiting = sinks.barsWaiting(sink, queue);
        producer.send("direct:bar-dead-letter", e -> {
            e.getMessage().setBody(bars);
            e.setProperty(DEAD_SINK, sink);
            e.setProperty(DEAD_REASON, "Queue full: " + waiting + " bars waiting");
        });
    }
}
