package io.caravan.sink;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DeadLetterChannelBuilder;

import io.caravan.CaravanConfig;

/**
 * What a sink does when it cannot write a bar (database restarting, Redis down, disk full): retry with exponential
 * backoff, then hand the bar to the bar dead letter with the reason. Each sink has its own budget:
 * {@code caravan.sink.<name>.max-redeliveries}, {@code .initial-delay} and {@code .max-delay} where given, else
 * {@code caravan.sink-retry.*}. Retries block only that sink's own queue.
 */
@ApplicationScoped
public class SinkRetryPolicy {

    private final CaravanConfig config;

    public SinkRetryPolicy(CaravanConfig config) {
        this.config = config;
    }

    public DeadLetterChannelBuilder retryThenDeadLetter(String sink) {
        CaravanConfig.SinkRetry defaults = config.sinkRetry();
        CaravanConfig.Sink own = config.sink().get(sink);
        int redeliveries = own != null && own.maxRedeliveries().isPresent() ? own.maxRedeliveries().getAsInt()
                : defaults.maxRedeliveries();
        Duration initial = own != null ? own.initialDelay().orElse(defaults.initialDelay()) : defaults.initialDelay();
        Duration max = own != null ? own.maxDelay().orElse(defaults.maxDelay()) : defaults.maxDelay();

        DeadLetterChannelBuilder builder = new DeadLetterChannelBuilder("direct:bar-dead-letter");
        builder.maximumRedeliveries(redeliveries)
                .redeliveryDelay(initial.toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(max.toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return builder;
    }
}
