package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/** Bars upserted into the {@code bars} table. */
@ApplicationScoped
public class JdbcSinkRoute extends RouteBuilder {

    static final String QUEUE = "sink-jdbc";

    private final SinkRetryPolicy retry;

    public JdbcSinkRoute(SinkRetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public void configure() {
        errorHandler(retry.retryThenDeadLetter());

        from(SinkRoutes.queue(QUEUE)).routeId("sink-jdbc")
                .bean("jdbcBarSink", "write");
    }
}
