package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/** Bars upserted into the {@code bars} table. */
@ApplicationScoped
public class JdbcSinkRoute extends RouteBuilder {

    private final SinkRetryPolicy retry;
    private final Sinks sinks;

    public JdbcSinkRoute(SinkRetryPolicy retry, Sinks sinks) {
        this.retry = retry;
        this.sinks = sinks;
    }

    @Override
    public void configure() {
        if (!sinks.isActive(Sinks.JDBC)) {
            return;
        }
        errorHandler(retry.retryThenDeadLetter(Sinks.JDBC));

        from(sinks.queue(Sinks.JDBC)).routeId(Sinks.routeId(Sinks.JDBC))
                .bean("jdbcBarSink", "write");
    }
}
