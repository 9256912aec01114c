package io.caravan.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.Synchronization;

import io.caravan.bar.Bar;
import io.caravan.bar.BarClock;
import io.caravan.bar.BarIntervals;
import io.caravan.bar.Interval;
import io.caravan.sink.Sinks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Bars from the clock to the sinks: how long after its bucket was due (open + interval + grace) a bar was handed to
 * the sinks and written by each, bars written per sink and interval, bars a sink could not take or write, and the
 * bars waiting in each sink's queue. Every meter is registered at startup for the configured sinks and intervals.
 * <p>
 * A bar's outcome in a sink is learnt from a {@link Synchronization} on the exchange put on the sink's queue: the
 * queue and the sinks' batching hand it over to the exchange that finally writes the bar, so it runs when the write
 * succeeded or gave up, without observing Camel events (which would cost every exchange of every route).
 */
@ApplicationScoped
public class SinkMetrics {

    public static final String HANDED = "caravan.bar.close.latency";
    public static final String WRITE_LATENCY = "caravan.bar.write.latency";
    public static final String WRITTEN = "caravan.bars.written";
    public static final String FAILURES = "caravan.sink.failures";
    public static final String BACKLOG = "caravan.sink.backlog";

    /** Why a bar did not reach a sink: its queue was full, or the sink gave up after its retries. */
    public static final String QUEUE_FULL = "queue full";
    public static final String WRITE_FAILED = "write failed";

    private record SinkMeters(Map<Interval, Counter> written, Timer latency, Counter queueFull, Counter writeFailed) {
    }

    private final BarIntervals intervals;
    private final boolean wallClock;
    private final Map<Interval, Timer> handed = new HashMap<>();
    private final Map<String, SinkMeters> sinks = new HashMap<>();

    public SinkMetrics(MeterRegistry registry, Sinks configured, BarIntervals intervals, BarClock clock,
            CamelContext camel) {
        this.intervals = intervals;
        this.wallClock = clock.mode() == BarClock.Mode.WALL;
        List<Interval> all = new ArrayList<>();
        all.add(intervals.base());
        all.addAll(intervals.rollups());
        for (Interval interval : all) {
            handed.put(interval, latencyTimer(HANDED, "interval", interval.label(),
                    "From the bucket's due time (open + interval + grace) to the bar handed to the sinks", registry));
        }
        for (String sink : configured.active()) {
            Map<Interval, Counter> written = new HashMap<>();
            for (Interval interval : all) {
                written.put(interval, Counter.builder(WRITTEN).tags("sink", sink, "interval", interval.label())
                        .description("Bars a sink has written, per interval").register(registry));
            }
            sinks.put(sink, new SinkMeters(written,
                    latencyTimer(WRITE_LATENCY, "sink", sink,
                            "From the bucket's due time to the bar written by the sink", registry),
                    failures(registry, sink, QUEUE_FULL), failures(registry, sink, WRITE_FAILED)));
            String queue = configured.queue(sink);
            Gauge.builder(BACKLOG, () -> camel.getEndpoint(queue, SedaEndpoint.class).getCurrentQueueSize())
                    .tag("sink", sink).description("Bars waiting in the sink's queue").register(registry);
        }
    }

    /**
     * The bar is being put on the sinks' queues. Latencies are measured against the wall clock only: with event
     * time (a replay) a bucket's due time says nothing about when it closed.
     */
    public void handedToSinks(Bar bar) {
        if (wallClock) {
            handed.get(bar.interval()).record(sinceDue(bar), TimeUnit.MILLISECONDS);
        }
    }

    /** To add to the exchange that carries the bar to the sink's queue. */
    public Synchronization outcome(String sink, Bar bar) {
        SinkMeters meters = sinks.get(sink);
        return new Synchronization() {
            @Override
            public void onComplete(Exchange exchange) {
                // the dead letter channel marks a bar it took as handled: the exchange completes, not fails
                if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
                    meters.writeFailed().increment();
                    return;
                }
                meters.written().get(bar.interval()).increment();
                if (wallClock) {
                    meters.latency().record(sinceDue(bar), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onFailure(Exchange exchange) {
                meters.writeFailed().increment();
            }
        };
    }

    public void queueFull(String sink) {
        sinks.get(sink).queueFull().increment();
    }

    private long sinceDue(Bar bar) {
        return Math.max(0, System.currentTimeMillis() - intervals.closesAt(bar.interval(), bar.openTime()));
    }

    private static Counter failures(MeterRegistry registry, String sink, String reason) {
        return Counter.builder(FAILURES).tags("sink", sink, "reason", reason)
                .description("Bars a sink did not write: its queue was full, or it gave up after its retries")
                .register(registry);
    }

    private static Timer latencyTimer(String name, String tag, String value, String description,
            MeterRegistry registry) {
        return Timer.builder(name).tag(tag, value).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
