package io.caravan.tick;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.sink.Sinks;

/**
 * Once a minute, when anything came in: trades checked and refusals by reason, so a live run's losses are visible;
 * and the bars waiting in any sink's queue, so a slow or unreachable sink is seen before its queue fills.
 */
@ApplicationScoped
@Named("ingestReport")
public class IngestReport {

    private static final Logger LOG = LoggerFactory.getLogger(IngestReport.class);

    private final TickValidator validator;
    private final DeadLetters deadLetters;
    private final Sinks sinks;
    private final CamelContext camel;
    private long lastChecked;

    public IngestReport(TickValidator validator, DeadLetters deadLetters, Sinks sinks, CamelContext camel) {
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.sinks = sinks;
        this.camel = camel;
    }

    public synchronized void log() {
        long checked = validator.checked();
        if (checked != lastChecked) {
            LOG.info("Trades received: {} (+{}), refused: {} {}", checked, checked - lastChecked, deadLetters.total(),
                    deadLetters.counts());
            lastChecked = checked;
        }
        Map<String, Integer> backlog = sinks.backlog(camel);
        if (backlog.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("Bars waiting per sink: {} (a sink's queue holds at most caravan.sink-queue-size)", backlog);
        }
    }
}
