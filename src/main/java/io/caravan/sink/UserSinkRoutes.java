package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route per user sink ({@code caravan.sink.<name>.uri}): each bar as one line of JSON to the endpoint, so a file
 * endpoint with {@code fileExist=Append} writes NDJSON and an HTTP or Kafka endpoint gets one JSON document per bar.
 * The endpoint is looked up per bar ({@link UserSinkUris}), so a URI edited while running applies to the next bar;
 * the recipient list is one endpoint, never split on commas.
 */
@ApplicationScoped
public class UserSinkRoutes extends RouteBuilder {

    private final Sinks sinks;
    private final SinkRetryPolicy retry;
    private final BarFields fields;
    private final UserSinkUris uris;

    public UserSinkRoutes(Sinks sinks, SinkRetryPolicy retry, BarFields fields, UserSinkUris uris) {
        this.sinks = sinks;
        this.retry = retry;
        this.fields = fields;
        this.uris = uris;
    }

    @Override
    public void configure() {
        sinks.userSinks().keySet().forEach(name -> from(sinks.queue(name)).routeId(Sinks.routeId(name))
                .errorHandler(retry.retryThenDeadLetter(name))
                .setProperty(BarFields.BARS, body()) // for the dead letter, once the body is JSON
                .transform(method(fields, "json"))
                .marshal().json()
                .transform(body().append("\n"))
                .setHeader("Content-Type", constant("application/json"))
                .recipientList(method(uris, "of('" + name + "')")).delimiter("false"));
    }
}
