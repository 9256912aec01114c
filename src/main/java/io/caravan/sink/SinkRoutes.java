package io.caravan.sink;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;

/**
 * Fan-out of closed bars to the sinks named in {@code caravan.sinks}. Each sink has its own queue and thread, so a
 * slow or failing sink delays only itself; a bar it cannot write after retries goes to the bar dead letter.
 */
@ApplicationScoped
public class SinkRoutes extends RouteBuilder {

    static final Map<String, String> KNOWN = Map.of("csv", CsvSinkRoute.QUEUE, "jdbc", JdbcSinkRoute.QUEUE);

    private final List<String> sinks;
    private final BarFields fields;

    public SinkRoutes(CaravanConfig config, BarFields fields) {
        this.sinks = config.sinks().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String sink : sinks) {
            if (!KNOWN.containsKey(sink)) {
                throw new IllegalArgumentException("caravan.sinks: unknown sink '" + sink + "' (known: " + KNOWN.keySet() + ")");
            }
        }
        this.fields = fields;
    }

    /** Queue options shared by every sink: large enough for a bar-close burst, never blocking the bar clock. */
    public static String queue(String name) {
        return "seda:" + name + "?size=100000&blockWhenFull=false";
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).to("direct:bar-dead-letter");

        String recipients = sinks.stream().map(s -> queue(KNOWN.get(s))).collect(Collectors.joining(";"));
        from("direct:sinks").routeId("sinks")
                .choice()
                    .when(constant(!sinks.isEmpty()))
                        .recipientList(constant(recipients), ";");

        from("direct:bar-dead-letter").routeId("bar-dead-letter")
                .log(LoggingLevel.WARN, "Bar not written (${exception.message}): ${body}")
                .transform(method(fields, "deadLetter"))
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/dead-letter?fileName=bars-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
