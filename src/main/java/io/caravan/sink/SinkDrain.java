package io.caravan.sink;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/** Waits until every sink queue is empty and no bar is being written: the end of a replay must not lose bars. */
@ApplicationScoped
public class SinkDrain {

    private final CamelContext context;

    public SinkDrain(CamelContext context) {
        this.context = context;
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
        for (String queue : SinkRoutes.KNOWN.values()) {
            SedaEndpoint endpoint = context.getEndpoint(SinkRoutes.queue(queue), SedaEndpoint.class);
            // each sink route is named after its queue
            if (endpoint.getCurrentQueueSize() > 0 || context.getInflightRepository().size(queue) > 0) {
                return false;
            }
        }
        return true;
    }
}
