package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route per user sink ({@code caravan.sink.<name>.uri}): each bar as one line of JSON to the endpoint, so a file
 * endpoint with {@code fileExist=Append} writes NDJSON and an HTTP or Kafka endpoint gets one JSON document per bar.
 */
@ApplicationScoped
public class UserSinkRoutes extends RouteBuilder {

    private final Sinks sinks;
    private final SinkRetryPolicy retry;
    private final BarFields fields;

    public UserSinkRoutes(Sinks sinks, SinkRetryPolicy retry, BarFields fields) {
        this.sinks = sinks;
        this.retry = retry;
        this.fields = fields;
    }

    @Override
    public void configure() {
        sinks.userSinks().forEach((name, uri) -> from(sinks.queue(name)).routeId(Sinks.routeId(name))
                .errorHandler(retry.retryThenDeadLetter(name))
                .setProperty(BarFields.BARS, body()) // for the dead letter, once the body is JSON
                .transform(method(fields, "json"))
                .marshal().json()
                .transform(body().append("\n"))
                .setHeader("Content-Type", constant("application/json"))
                .to(uri));
    }
}
