package io.caravan.snapshot;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.tick.TickRejectedException;

/**
 * The snapshot dead letter: refused answers, refused entries, failed requests and symbols still missing after a
 * retry, one JSON line each in {@code <data-dir>/dead-letter/snapshots-<date>.ndjson}, as the trades' dead letter
 * writes them ({@code time, feed, reason, detail, raw}). The polling itself is {@code routes/snapshot.yaml}.
 */
@ApplicationScoped
public class SnapshotRoutes extends RouteBuilder {

    private final SnapshotHub hub;

    public SnapshotRoutes(SnapshotHub hub) {
        this.hub = hub;
    }

    @Override
    public void configure() {
        from("direct:snapshot-dead-letter").routeId("snapshot-dead-letter")
                .process(e -> {
                    // a refusal handed over as the body (a refused entry, the missing report) rather than thrown
                    if (e.getMessage().getBody() instanceof TickRejectedException refused) {
                        e.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
                    }
                })
                .bean(hub.rejects(), "record")
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/dead-letter?fileName=snapshots-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
