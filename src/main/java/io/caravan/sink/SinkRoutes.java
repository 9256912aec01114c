package io.caravan.sink;

import java.util.stream.Collectors;

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

    private final Sinks sinks;
    private final BarFields fields;

    public SinkRoutes(Sinks sinks, BarFields fields) {
        this.sinks = sinks;
        this.fields = fields;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).to("direct:bar-dead-letter");

        String recipients = sinks.active().stream().map(sinks::queue).collect(Collectors.joining(";"));
        from("direct:sinks").routeId("sinks")
                .choice()
                    .when(constant(!sinks.active().isEmpty()))
                        .recipientList(constant(recipients), ";");

        from("direct:bar-dead-letter").routeId("bar-dead-letter")
                .split(method(fields, "deadLetters"))
                    .log(LoggingLevel.WARN, "Bar not written by sink ${body[sink]} (${body[reason]}): ${body[bar]}")
                    .marshal().json()
                    .transform(body().append("\n"))
                    .to("file:{{caravan.data-dir}}/dead-letter?fileName=bars-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
