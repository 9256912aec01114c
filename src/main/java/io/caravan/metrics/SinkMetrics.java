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
import io.caravan.sink.BarFields;
import io.caravan.sink.SinkFanOut;
import io.caravan.sink.SinkRetryPolicy;
import io.caravan.sink.SinkStatus;
import io.caravan.sink.SinkStatuses;
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
    public static final String WAITED = "caravan.sink.back.pressure";

    /** Why a bar did not reach a sink: its queue was full, or the sink gave up after its retries. */
    public static final String QUEUE_FULL = "queue full";
    public static final String WRITE_FAILED = "write failed";

    private record SinkMeters(Map<Interval, Counter> written, Timer latency, Counter queueFull, Counter writeFailed,
            Timer waited) {
    }

    private final BarIntervals intervals;
    private final boolean wallClock;
    private final Map<Interval, Timer> handed = new HashMap<>();
    private final Map<String, SinkMeters> sinks = new HashMap<>();
    private final List<String> order;

    public static final String FAILING = "caravan.sink.failing";
    public static final String OLDEST = "caravan.sink.backlog.oldest";

    public SinkMetrics(MeterRegistry registry, Sinks configured, BarIntervals intervals, BarClock clock,
            CamelContext camel, SinkStatuses statuses) {
        this.intervals = intervals;
        this.wallClock = clock.mode() == BarClock.Mode.WALL;
        this.order = configured.active();
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
                    failures(registry, sink, QUEUE_FULL), failures(registry, sink, WRITE_FAILED),
                    Timer.builder(WAITED).tag("sink", sink)
                            .description("Time the bar engine waited for room in the sink's full queue (back-pressure)")
                            .register(registry)));
            String queue = configured.queue(sink);
            Gauge.builder(BACKLOG, () -> configured.barsWaiting(sink, camel))
                    .tag("sink", sink).description("Bars waiting in the sink's queue").register(registry);
            SinkStatus status = statuses.of(sink);
            Gauge.builder(FAILING, () -> status.failing() == null ? 0 : 1).tag("sink", sink)
                    .description("1 while the sink cannot write (its database away) and retries, else 0").register(registry);
            Gauge.builder(OLDEST, () -> oldestWaitingSeconds(camel.getEndpoint(queue, SedaEndpoint.class)))
                    .tag("sink", sink).baseUnit("seconds")
                    .description("How long the oldest bar in the sink's queue has waited").register(registry);
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
        return outcome(sink, List.of(bar));
    }

    /** To add to the exchange that carries the bars of a close to the sink's queue: each bar's outcome. */
    public Synchronization outcome(String sink, List<Bar> bars) {
        SinkMeters meters = sinks.get(sink);
        return new Synchronization() {
            @Override
            public void onComplete(Exchange exchange) {
                // the dead letter channel marks a bar it took as handled: the exchange completes, not fails. Not
                // EXCEPTION_CAUGHT: it stays set on an exchange whose redelivery succeeded
                boolean deadLettered = Boolean.TRUE.equals(exchange.getProperty(SinkFanOut.DEAD_LETTERED, Boolean.class));
                java.util.Set<?> refused = exchange.getProperty(SinkRetryPolicy.REFUSED_BARS, java.util.Set.class);
                java.util.Set<Object> dead = deadLettered ? deadLetteredBars(exchange) : java.util.Set.of();
                for (Bar bar : bars) {
                    if (dead == null || dead.contains(bar) || refused != null && refused.contains(bar)) {
                        meters.writeFailed().increment();
                        continue;
                    }
                    meters.written().get(bar.interval()).increment();
                    if (wallClock) {
                        meters.latency().record(sinceDue(bar), TimeUnit.MILLISECONDS);
                    }
                }
            }

            @Override
            public void onFailure(Exchange exchange) {
                meters.writeFailed().increment(bars.size());
            }
        };
    }

    /**
     * The bars the dead letter channel took from a sink's exchange: those it names ({@link BarFields#BARS}, a batch
     * partly written names the rest), else its body; null when that is no bar (then all of the exchange's failed).
     */
    private static java.util.Set<Object> deadLetteredBars(Exchange exchange) {
        Object taken = exchange.getProperty(BarFields.BARS, exchange.getMessage().getBody(), Object.class);
        java.util.Set<Object> dead = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (taken instanceof Bar bar) {
            dead.add(bar);
        } else if (taken instanceof List<?> list && list.stream().allMatch(Bar.class::isInstance)) {
            dead.addAll(list);
        } else {
            return null;
        }
        return dead;
    }

    /**
     * Per sink, in configuration order: bars {@code written} and bars {@code deadLettered} (queue full, refused by
     * the sink, or given up) since start, and {@code waitedMs}, how long the engine waited for room in its queue, as a
     * replay's summary reports them.
     */
    public Map<String, Map<String, Long>> outcomes() {
        Map<String, Map<String, Long>> outcomes = new java.util.LinkedHashMap<>();
        for (String sink : order) {
            SinkMeters meters = sinks.get(sink);
            long written = 0;
            for (Counter counter : meters.written().values()) {
                written += (long) counter.count();
            }
            long dead = (long) (meters.queueFull().count() + meters.writeFailed().count());
            outcomes.put(sink, Map.of("written", written, "deadLettered", dead,
                    "waitedMs", (long) meters.waited().totalTime(TimeUnit.MILLISECONDS)));
        }
        return outcomes;
    }

    public void waitedForRoom(String sink, long nanos) {
        sinks.get(sink).waited().record(nanos, TimeUnit.NANOSECONDS);
    }

    public void queueFull(String sink) {
        queueFull(sink, 1);
    }

    public void queueFull(String sink, int bars) {
        sinks.get(sink).queueFull().increment(bars);
    }

    private static double oldestWaitingSeconds(SedaEndpoint queue) {
        Exchange oldest = queue.getQueue().peek();
        return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.getClock().getCreated()) / 1000.0;
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
