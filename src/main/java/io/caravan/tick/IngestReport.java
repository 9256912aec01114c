package io.caravan.tick;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Once a minute, when anything came in: trades checked and refusals by reason, so a live run's losses are visible. */
@ApplicationScoped
@Named("ingestReport")
public class IngestReport {

    private static final Logger LOG = LoggerFactory.getLogger(IngestReport.class);

    private final TickValidator validator;
    private final DeadLetters deadLetters;
    private long lastChecked;

    public IngestReport(TickValidator validator, DeadLetters deadLetters) {
        this.validator = validator;
        this.deadLetters = deadLetters;
    }

    public synchronized void log() {
        long checked = validator.checked();
        if (checked != lastChecked) {
            LOG.info("Trades received: {} (+{}), refused: {} {}", checked, checked - lastChecked, deadLetters.total(),
                    deadLetters.counts());
            lastChecked = checked;
        }
    }
}
