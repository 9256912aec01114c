package io.caravan.sink.redis;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.sink.SinkBatch;
import io.caravan.sink.SinkRetryPolicy;
import io.caravan.sink.Sinks;

/**
 * The {@code redis} sink (latest bar, time series) and the {@code pubsub} sink (bars published): each takes what
 * waits in its queue as one batch, one pipelined round trip; a restart or outage of Redis is retried until it is
 * back ({@link SinkRetryPolicy#retryingWrite}).
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
                    .errorHandler(retry.deadLetterAtOnce())
                    .process(new SinkBatch(batchSize))
                    .process(retry.retryingWrite(Sinks.REDIS, writer::write));
        }
        if (sinks.isActive(Sinks.PUBSUB)) {
            from(sinks.queue(Sinks.PUBSUB)).routeId(Sinks.routeId(Sinks.PUBSUB))
                    .errorHandler(retry.deadLetterAtOnce())
                    .process(new SinkBatch(batchSize))
                    .process(retry.retryingWrite(Sinks.PUBSUB, publisher::publishBars));
        }
    }
}
