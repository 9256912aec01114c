package io.caravan.snapshot;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteConfigurationDefinition;

import io.caravan.CaravanConfig;

/**
 * Error handling of the snapshot routes ({@code routeConfigurationId: snapshot}). A request answered 429 or 5xx, or
 * not at all, is sent again with exponential backoff and jitter (Camel's redelivery: the delay doubles from
 * {@code caravan.snapshot.retry-initial-delay} up to {@code retry-max-delay}, each varied by up to 15 %), at most
 * {@code max-retries} times. A {@code Retry-After} is obeyed: the next try waits that long (plus up to 10 %); one
 * longer than {@code retry-max-delay} ends the round's tries and pauses the polling until then. Whatever still fails,
 * and any answer that cannot be read, goes to the snapshot dead letter with its reason, and the round goes on.
 */
@ApplicationScoped
public class SnapshotConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "snapshot";

    private final CaravanConfig.Snapshot config;
    private final SnapshotHub hub;

    public SnapshotConfiguration(CaravanConfig config, SnapshotHub hub) {
        this.config = config.snapshot();
        this.hub = hub;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition snapshot = routeConfiguration(ID);
        // an answer that cannot be read, a refused request, Redis failing: no retry in this round
        snapshot.onException(Exception.class)
                .maximumRedeliveries(0)
                .handled(true)
                .bean(hub, "describeFailure")
                .to("direct:snapshot-dead-letter");
        snapshot.onException(HttpOperationFailedException.class, IOException.class)
                .onWhen(SnapshotConfiguration::worthRetrying)
                .maximumRedeliveries(config.maxRetries())
                .redeliveryDelay(config.retryInitialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .maximumRedeliveryDelay(config.retryMaxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .onExceptionOccurred(this::obeyRetryAfter)
                .handled(true)
                .bean(hub, "describeFailure")
                .to("direct:snapshot-dead-letter");
    }

    /** 429 and 5xx may pass; a connection refused or timed out may too. Any other status will not change. */
    private static boolean worthRetrying(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (caught instanceof HttpOperationFailedException failed) {
            return failed.getStatusCode() == 429 || failed.getStatusCode() >= 500;
        }
        return true;
    }

    /**
     * Runs after each failure, before Camel picks the delay: a Retry-After becomes the delay (Camel's
     * {@code CamelRedeliveryDelay} header, read before the message is reset for the next try).
     */
    private void obeyRetryAfter(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(caught instanceof HttpOperationFailedException failed)) {
            return;
        }
        long now = System.currentTimeMillis();
        OptionalLong wait = RetryAfter.millis(RetryAfter.header(failed.getResponseHeaders()), now);
        if (wait.isEmpty()) {
            return;
        }
        long millis = wait.getAsLong();
        if (millis > config.retryMaxDelay().toMillis()) {
            hub.pauseUntil(now + millis);
            exchange.getExchangeExtension().setRedeliveryExhausted(true);
            return;
        }
        long jitter = millis / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(millis / 10 + 1);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, millis + jitter);
    }
}
