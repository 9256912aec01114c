package io.caravan.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;

/**
 * Feeds the bar dead letter back through the sinks that gave its bars up (after the cause is fixed: a schema, a
 * database that was away too long). Only records of the chosen sinks are taken, each put back on its own sink's queue
 * in file order; the rest stay in the dead letter. Idempotent in effect: the jdbc and redis sinks upsert, and a bar
 * that fails again is dead-lettered again, as a new record.
 */
@ApplicationScoped
public class BarRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(BarRedrive.class);

    private final DeadLetterBars deadLetter;
    private final SinkFanOut fanOut;
    private final Sinks sinks;

    public BarRedrive(CaravanConfig config, SinkFanOut fanOut, Sinks sinks) {
        this.deadLetter = new DeadLetterBars(Path.of(config.dataDir()).resolve("dead-letter"));
        this.fanOut = fanOut;
        this.sinks = sinks;
    }

    /** Bars put back per sink. */
    public synchronized Map<String, Integer> redrive(Set<String> chosen) throws IOException {
        for (String sink : chosen) {
            if (!sinks.isActive(sink)) {
                throw new IllegalArgumentException("not an active sink: " + sink + " (active: " + sinks.active() + ")");
            }
        }
        DeadLetterBars.Taken taken = deadLetter.take();
        List<String> kept = new ArrayList<>(taken.unreadable());
        Map<String, Integer> counts = new LinkedHashMap<>();
        chosen.forEach(sink -> counts.put(sink, 0));
        for (DeadLetterBars.Entry entry : taken.entries()) {
            if (chosen.contains(entry.sink())) {
                fanOut.sendTo(entry.sink(), entry.bar());
                counts.merge(entry.sink(), 1, Integer::sum);
            } else {
                kept.add(entry.line());
            }
        }
        deadLetter.keep(kept);
        LOG.info("Bar dead letter re-driven: {} (kept {} record(s) of other sinks or unreadable)", counts, kept.size());
        return counts;
    }
}
