package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/** Bars upserted into the {@code bars} table, what waits in the queue as one batch, retried until written. */
@ApplicationScoped
public class JdbcSinkRoute extends RouteBuilder {

    /** Bars per transaction when bars wait in the queue (a burst); a lone bar is written at once. */
    static final int BATCH = 1_000;

    private final SinkRetryPolicy retry;
    private final Sinks sinks;
    private final JdbcBarSink jdbc;

    public JdbcSinkRoute(SinkRetryPolicy retry, Sinks sinks, JdbcBarSink jdbc) {
        this.retry = retry;
        this.sinks = sinks;
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        if (!sinks.isActive(Sinks.JDBC)) {
            return;
        }
        errorHandler(retry.deadLetterAtOnce());

        from(sinks.queue(Sinks.JDBC)).routeId(Sinks.routeId(Sinks.JDBC))
                .process(new SinkBatch(BATCH))
                .process(retry.retryingWrite(Sinks.JDBC, jdbc::writeAll));
    }
}
