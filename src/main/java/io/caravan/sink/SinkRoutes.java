package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Fan-out of closed bars to the sinks named in {@code caravan.sinks}. Each sink has its own bounded queue and thread,
 * so a slow or failing sink delays only itself; a bar it cannot take (queue full) or write after its retries goes to
 * the bar dead letter with the sink and the reason.
 */
@ApplicationScoped
public class SinkRoutes extends RouteBuilder {

    private final SinkFanOut fanOut;
    private final BarFields fields;

    public SinkRoutes(SinkFanOut fanOut, BarFields fields) {
        this.fanOut = fanOut;
        this.fields = fields;
    }

    @Override
    public void configure() {
        from("direct:sinks").routeId("sinks")
                .bean(fanOut, "send");

        from("direct:bar-dead-letter").routeId("bar-dead-letter")
                // the exchange a sink's error handler gave up on: its bars count as failed, not written
                .setProperty(SinkFanOut.DEAD_LETTERED, constant(true))
                .split(method(fields, "deadLetters"))
                    .log(LoggingLevel.WARN, "Bar not written by sink ${body[sink]} (${body[reason]}): ${body[bar]}")
                    .marshal().json()
                    .transform(body().append("\n"))
                    .to("file:{{caravan.data-dir}}/dead-letter?fileName=bars-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
