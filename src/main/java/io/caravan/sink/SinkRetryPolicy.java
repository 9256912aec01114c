package io.caravan.sink;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DeadLetterChannelBuilder;

import io.caravan.CaravanConfig;

/**
 * What a sink does when it cannot write a bar (database restarting, disk full): retry with exponential backoff
 * ({@code caravan.sink-retry.*}), then hand the bar to the bar dead letter with the reason. Retries block only
 * that sink's own queue.
 */
@ApplicationScoped
public class SinkRetryPolicy {

    private final CaravanConfig.SinkRetry retry;

    public SinkRetryPolicy(CaravanConfig config) {
        this.retry = config.sinkRetry();
    }

    public DeadLetterChannelBuilder retryThenDeadLetter() {
        DeadLetterChannelBuilder builder = new DeadLetterChannelBuilder("direct:bar-dead-letter");
        builder.maximumRedeliveries(retry.maxRedeliveries())
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return builder;
    }
}
