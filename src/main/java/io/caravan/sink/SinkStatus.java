package io.caravan.sink;

import java.time.Instant;

/**
 * Whether a sink is writing or waiting for its database, as health and metrics show it: since when it has been
 * failing and with what (bounded) message. Written by the sink's thread, read by health checks.
 */
public final class SinkStatus {

    public record Failing(Instant since, String reason) {
    }

    private volatile Failing failing;

    public void failing(Instant since, String reason) {
        failing = new Failing(since, reason);
    }

    public void writing() {
        failing = null;
    }

    /** Null while the sink writes. */
    public Failing failing() {
        return failing;
    }
}
