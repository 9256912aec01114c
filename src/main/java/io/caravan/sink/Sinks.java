package io.caravan.sink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;

import io.caravan.CaravanConfig;

/**
 * The sinks named in {@code caravan.sinks}: built-in ones and user sinks, each a Camel endpoint URI from
 * {@code caravan.sink.<name>.uri}. Every sink has its own bounded queue ({@code seda:sink-<name>}) and route
 * ({@code sink-<name>}), so it consumes at its own pace.
 */
@ApplicationScoped
public class Sinks {

    public static final String CSV = "csv";
    public static final String JDBC = "jdbc";
    public static final String REDIS = "redis";
    public static final String PUBSUB = "pubsub";
    public static final Set<String> BUILT_IN = Set.of(CSV, JDBC, REDIS, PUBSUB);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final List<String> active;
    private final Map<String, String> userUris = new LinkedHashMap<>();
    /** User sinks with caravan.sink.<name>.batch=true. */
    private final Set<String> userBatches = new HashSet<>();
    private final Map<String, Integer> queueSizes = new LinkedHashMap<>();
    private final List<String> holdingBack = new ArrayList<>();
    private final int defaultQueueSize;

    public Sinks(CaravanConfig config) {
        this.active = config.sinks().stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        this.defaultQueueSize = config.sinkQueueSize();
        for (String sink : active) {
            CaravanConfig.Sink own = config.sink().get(sink);
            int size = own != null && own.queueSize().isPresent() ? own.queueSize().getAsInt() : config.sinkQueueSize();
            if (size < 1) {
                throw new IllegalArgumentException("The queue size of sink '" + sink + "' must be at least 1, was " + size);
            }
            queueSizes.put(sink, size);
            if (own != null && own.backPressure().isPresent() ? own.backPressure().get() : BUILT_IN.contains(sink)) {
                holdingBack.add(sink);
            }
        }
        for (String sink : active) {
            String uri = config.sink().containsKey(sink) ? config.sink().get(sink).uri().orElse(null) : null;
            if (BUILT_IN.contains(sink)) {
                if (uri != null) {
                    throw new IllegalArgumentException("caravan.sink." + sink + ".uri: '" + sink
                            + "' is a built-in sink; give your sink another name");
                }
            } else if (!NAME.matcher(sink).matches()) {
                throw new IllegalArgumentException("caravan.sinks: '" + sink
                        + "' is not a valid sink name (lower-case letters, digits and '-', starting with a letter)");
            } else if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("caravan.sinks: unknown sink '" + sink + "'. Built-in sinks are "
                        + List.of(CSV, JDBC, REDIS, PUBSUB) + "; a sink of your own needs caravan.sink." + sink
                        + ".uri=<a Camel endpoint URI>");
            } else {
                userUris.put(sink, uri.trim());
                if (config.sink().get(sink).batch()) {
                    userBatches.add(sink);
                }
            }
        }
    }

    /** Sink names in configuration order. */
    public List<String> active() {
        return active;
    }

    public boolean isActive(String sink) {
        return active.contains(sink);
    }

    /** User sinks in configuration order, with their endpoint URIs. */
    public Map<String, String> userSinks() {
        return userUris;
    }

    /**
     * The sinks the bar engine waits for when their queue is full (caravan.sink.<name>.back-pressure): the built-in
     * ones unless told otherwise.
     */
    public List<String> holdingBack() {
        return holdingBack;
    }

    /**
     * Whether the sink takes the bars of a close as one entry of its queue (a {@code List<Bar>}) and writes what waits
     * as a batch ({@link SinkBatch}): the built-in sinks do, and user sinks with {@code caravan.sink.<name>.batch};
     * other user sinks take one entry per bar.
     */
    public boolean takesBatches(String sink) {
        return BUILT_IN.contains(sink) || userBatches.contains(sink);
    }

    /** The bound of a sink's queue, in bars. */
    public int queueSize(String sink) {
        return queueSizes.getOrDefault(sink, defaultQueueSize);
    }

    /** Bars waiting in the sink's queue (its endpoint): an entry is one bar, or the bars of a close. */
    public int barsWaiting(String sink, SedaEndpoint queue) {
        if (!takesBatches(sink)) {
            return queue.getCurrentQueueSize();
        }
        int bars = 0;
        for (Exchange entry : queue.getQueue()) {
            bars += entry.getMessage().getBody() instanceof List<?> batch ? batch.size() : 1;
        }
        return bars;
    }

    /** Bars waiting in the sink's queue. */
    public int barsWaiting(String sink, CamelContext context) {
        return barsWaiting(sink, context.getEndpoint(queue(sink), SedaEndpoint.class));
    }

    /** The queue endpoint a sink consumes from; the same URI for producer and consumer. */
    public String queue(String sink) {
        return "seda:" + routeId(sink) + "?size=" + queueSize(sink)
                + "&blockWhenFull=false";
    }

    /** A sink's route id, also the name of its queue. */
    public static String routeId(String sink) {
        return "sink-" + sink;
    }

    /** Bars waiting in each active sink's queue. */
    public Map<String, Integer> backlog(CamelContext context) {
        Map<String, Integer> backlog = new LinkedHashMap<>();
        for (String sink : active) {
            backlog.put(sink, barsWaiting(sink, context));
        }
        return backlog;
    }
}
