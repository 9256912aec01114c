package io.caravan.sink;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;

/** Waits until every sink queue is empty and no bar is being written: the end of a replay must not lose bars. */
@ApplicationScoped
public class SinkDrain {

    private final CamelContext context;
    private final Sinks sinks;

    public SinkDrain(CamelContext context, Sinks sinks) {
        this.context = context;
        this.sinks = sinks;
    }

    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (idle()) {
                return true;
            }
            Thread.sleep(50);
        }
        return idle();
    }

    public boolean idle() {
        for (var backlog : sinks.backlog(context).entrySet()) {
            if (backlog.getValue() > 0 || context.getInflightRepository().size(Sinks.routeId(backlog.getKey())) > 0) {
                return false;
            }
        }
        return true;
    }
}
