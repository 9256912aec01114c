package io.caravan.sink.redis;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.sink.SinkBatch;
import io.caravan.sink.SinkRetryPolicy;
import io.caravan.sink.Sinks;

/**
 * The {@code redis} sink (latest bar, time series) and the {@code pubsub} sink (bars published): each takes what
 * waits in its queue as one batch, one pipelined round trip, retried as a whole by its own retry policy.
 */
@ApplicationScoped
public class RedisSinkRoutes extends RouteBuilder {

    private final Sinks sinks;
    private final SinkRetryPolicy retry;
    private final RedisBarWriter writer;
    private final RedisPublisher publisher;
    private final int batchSize;

    public RedisSinkRoutes(Sinks sinks, SinkRetryPolicy retry, RedisBarWriter writer, RedisPublisher publisher,
            CaravanConfig config) {
        this.sinks = sinks;
        this.retry = retry;
        this.writer = writer;
        this.publisher = publisher;
        this.batchSize = config.redis().batchSize();
    }

    @Override
    public void configure() {
        if (sinks.isActive(Sinks.REDIS)) {
            from(sinks.queue(Sinks.REDIS)).routeId(Sinks.routeId(Sinks.REDIS))
                    .errorHandler(retry.retryThenDeadLetter(Sinks.REDIS))
                    .process(new SinkBatch(batchSize))
                    .bean(writer, "write");
        }
        if (sinks.isActive(Sinks.PUBSUB)) {
            from(sinks.queue(Sinks.PUBSUB)).routeId(Sinks.routeId(Sinks.PUBSUB))
                    .errorHandler(retry.retryThenDeadLetter(Sinks.PUBSUB))
                    .process(new SinkBatch(batchSize))
                    .bean(publisher, "publishBars");
        }
    }
}
