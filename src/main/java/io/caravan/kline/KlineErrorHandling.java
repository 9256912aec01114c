package io.caravan.kline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

import io.caravan.CaravanConfig;
import io.caravan.tick.TickRejectedException;

/**
 * Error handling of the kline request route ({@code routeConfigurationId: klines}): Camel's redelivery retries what
 * {@link KlineFailures#retry} allows, with exponential backoff and jitter (collision avoidance); a refused answer goes
 * to the dead letter with its reason and raw body. Either way the round goes on with the next symbol.
 */
@ApplicationScoped
public class KlineErrorHandling extends RouteConfigurationBuilder {

    public static final String KLINES = "klines";

    private final CaravanConfig config;

    public KlineErrorHandling(CaravanConfig config) {
        this.config = config;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition klines = routeConfiguration(KLINES);
        klines.onException(TickRejectedException.class)
                .handled(true)
                .to("direct:dead-letter")
                .bean("klineFailures", "rejected");
        klines.onException(Exception.class)
                .retryWhile(method("klineFailures", "retry"))
                .onExceptionOccurred(e -> failures(e).chooseDelay(e))
                .onRedelivery(e -> failures(e).retrying(e))
                .redeliveryDelay(config.klines().retryInitialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(config.klines().retryMaxDelay().toMillis())
                .useCollisionAvoidance()
                // the failure is logged by KlineFailures, without the request's headers (the token)
                .logRetryAttempted(false)
                .logExhausted(false)
                .retriesExhaustedLogLevel(LoggingLevel.DEBUG)
                .handled(true)
                .bean("klineFailures", "failed");
    }

    private static KlineFailures failures(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType("klineFailures", KlineFailures.class);
    }
}
