package io.caravan.sink;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.bar.Bar;

/**
 * One route per user sink ({@code caravan.sink.<name>.uri}): each bar as one line of JSON to the endpoint, so a file
 * endpoint with {@code fileExist=Append} writes NDJSON and an HTTP or Kafka endpoint gets one JSON document per bar.
 * With {@code caravan.sink.<name>.batch=true}, what waits in the sink's queue goes as one message instead, the bars'
 * lines one after the other ({@link SinkBatch}): the same NDJSON in a file, one request or record per batch elsewhere.
 * The endpoint is looked up per message ({@link UserSinkUris}), so a URI edited while running applies to the next one;
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
    private final ObjectMapper json;

    public UserSinkRoutes(Sinks sinks, SinkRetryPolicy retry, BarFields fields, UserSinkUris uris, ObjectMapper json) {
        this.sinks = sinks;
        this.retry = retry;
        this.fields = fields;
        this.uris = uris;
        this.json = json;
    }

    @Override
    public void configure() {
        sinks.userSinks().keySet().forEach(name -> {
            boolean batches = sinks.takesBatches(name);
            from(sinks.queue(name)).routeId(Sinks.routeId(name))
                    .errorHandler(retry.retryThenDeadLetter(name))
                    // a batch of what waits, or of the one bar taken
                    .process(new SinkBatch(batches ? BATCH : 1))
                    .setProperty(BarFields.BARS, body()) // for the dead letter, once the body is JSON
                    .process(e -> e.getMessage().setBody(ndjson(e.getMessage().getBody(List.class))))
                    .setHeader("Content-Type", constant(batches ? "application/x-ndjson" : "application/json"))
                    .recipientList(method(uris, "of('" + name + "')")).delimiter("false");
        });
    }

    /** Each bar's {@link BarFields#json} on a line of its own. */
    private String ndjson(List<?> bars) throws JsonProcessingException {
        StringBuilder lines = new StringBuilder(bars.size() * 320);
        for (Object bar : bars) {
            lines.append(json.writeValueAsString(fields.json((Bar) bar))).append('\n');
        }
        return lines.toString();
    }
}
