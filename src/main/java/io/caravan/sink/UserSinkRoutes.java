package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * One route per user sink ({@code caravan.sink.<name>.uri}): each bar as one line of JSON to the endpoint, so a file
 * endpoint with {@code fileExist=Append} writes NDJSON and an HTTP or Kafka endpoint gets one JSON document per bar.
 * With {@code caravan.sink.<name>.batch=true}, what waits in the sink's queue goes as one message instead, the bars'
 * lines one after the other ({@link SinkBatch}): the same NDJSON in a file, one request or record per batch elsewhere.
 * The endpoint is looked up per bar ({@link UserSinkUris}), so a URI edited while running applies to the next bar;
 * the recipient list is one endpoint, never split on commas.
 */
@ApplicationScoped
public class UserSinkRoutes extends RouteBuilder {

    /** Most bars in one message of a batching user sink. */
    static final int BATCH = 10_000;

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
        sinks.userSinks().keySet().forEach(name -> {
            RouteDefinition route = from(sinks.queue(name)).routeId(Sinks.routeId(name))
                    .errorHandler(retry.retryThenDeadLetter(name));
            if (sinks.takesBatches(name)) {
                route.process(new SinkBatch(BATCH))
                        .setProperty(BarFields.BARS, body()) // for the dead letter, once the body is JSON
                        .transform(method(fields, "ndjson"))
                        .setHeader("Content-Type", constant("application/x-ndjson"));
            } else {
                route.setProperty(BarFields.BARS, body())
                        .transform(method(fields, "json"))
                        .marshal().json()
                        .transform(body().append("\n"))
                        .setHeader("Content-Type", constant("application/json"));
            }
            route.recipientList(method(uris, "of('" + name + "')")).delimiter("false");
        });
    }
}
