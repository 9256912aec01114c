package io.caravan.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.DeadLetterChannelBuilder;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;

/**
 * What a sink does when it cannot write a bar. Sinks that write batches (jdbc, redis, pubsub) use
 * {@link #retryingWrite}: a failure of the sink itself (database restarting, Redis down or loading, a timeout) is
 * retried with jittered exponential back-off ({@code initial-delay} to {@code max-delay}) for as long as the service
 * runs; a bar the sink refuses on its merits goes to the bar dead letter with the sink's message while the bars beside
 * it are written; a failure of unknown kind is retried {@code max-redeliveries} times, then taken as a refusal; with
 * {@code give-up-after}, a sink down that long sends the batch it holds to the dead letter. Other
 * sinks (csv, user sinks) retry any failure {@code max-redeliveries} times, then dead-letter. Settings per sink:
 * {@code caravan.sink.<name>.max-redeliveries}, {@code .initial-delay}, {@code .max-delay}, else
 * {@code caravan.sink-retry.*}. Retries block only that sink's own queue.
 */
@ApplicationScoped
public class SinkRetryPolicy {

    /** The bars of a batch that the sink refused: written by nobody, counted as failures, not as written. */
    public static final String REFUSED_BARS = "caravanRefusedBars";

    private final CaravanConfig config;
    private final CamelContext camel;
    private ProducerTemplate producer;

    private final SinkStatuses statuses;

    public SinkRetryPolicy(CaravanConfig config, CamelContext camel, SinkStatuses statuses) {
        this.config = config;
        this.statuses = statuses;
        this.camel = camel;
    }

    public DeadLetterChannelBuilder retryThenDeadLetter(String sink) {
        DeadLetterChannelBuilder builder = new DeadLetterChannelBuilder("direct:bar-dead-letter");
        builder.maximumRedeliveries(maxRedeliveries(sink))
                .redeliveryDelay(initialDelay(sink).toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(maxDelay(sink).toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return builder;
    }

    /** For routes that retry in {@link #retryingWrite}: what still fails there (the service stopping) is not retried. */
    public DeadLetterChannelBuilder deadLetterAtOnce() {
        DeadLetterChannelBuilder builder = new DeadLetterChannelBuilder("direct:bar-dead-letter");
        builder.maximumRedeliveries(0);
        return builder;
    }

    /** A step that writes the batch in the body ({@code List<Bar>}) through {@code writer} as described above. */
    public Processor retryingWrite(String sink, RetryingWrite.BatchWriter writer) {
        RetryingWrite write = new RetryingWrite(sink, writer,
                new Backoff(initialDelay(sink), maxDelay(sink), RandomGenerator.getDefault()), maxRedeliveries(sink),
                giveUpAfter(sink), () -> !camel.isStopping() && !camel.isStopped(), delay -> Thread.sleep(delay.toMillis()),
                Clock.systemUTC(), statuses.of(sink));
        return exchange -> {
            @SuppressWarnings("unchecked")
            List<Bar> bars = exchange.getMessage().getBody(List.class);
            List<RetryingWrite.Rejection> refused = write.write(bars);
            if (refused.isEmpty()) {
                return;
            }
            Set<Bar> refusedBars = Collections.newSetFromMap(new IdentityHashMap<>());
            for (RetryingWrite.Rejection rejection : refused) {
                refusedBars.add(rejection.bar());
                producer().send("direct:bar-dead-letter", e -> {
                    e.getMessage().setBody(rejection.bar());
                    e.setProperty(SinkFanOut.DEAD_SINK, sink);
                    e.setProperty(SinkFanOut.DEAD_REASON, rejection.reason());
                });
            }
            exchange.setProperty(REFUSED_BARS, refusedBars);
        };
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }

    private int maxRedeliveries(String sink) {
        return setting(sink, own -> own.maxRedeliveries().stream().boxed().findFirst(),
                config.sinkRetry().maxRedeliveries());
    }

    private Duration initialDelay(String sink) {
        return setting(sink, CaravanConfig.Sink::initialDelay, config.sinkRetry().initialDelay());
    }

    private Duration maxDelay(String sink) {
        return setting(sink, CaravanConfig.Sink::maxDelay, config.sinkRetry().maxDelay());
    }

    /** Null when the sink may wait as long as the service runs. */
    private Duration giveUpAfter(String sink) {
        return setting(sink, CaravanConfig.Sink::giveUpAfter, config.sinkRetry().giveUpAfter().orElse(null));
    }

    /** {@code caravan.sink.<sink>.<setting>} when set, else the {@code caravan.sink-retry.*} default. */
    private <T> T setting(String sink, Function<CaravanConfig.Sink, Optional<T>> own, T fallback) {
        CaravanConfig.Sink settings = config.sink().get(sink);
        return settings == null ? fallback : own.apply(settings).orElse(fallback);
    }
}
