package io.caravan.sink;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.feed.KlineBatch;
import io.caravan.sink.redis.RedisExchangeBarWriter;

/**
 * Exchange bars (providers' klines, {@code direct:exchange-bars}, body a {@link io.caravan.feed.KlineBatch}) to the
 * built-in sinks that are active, each in its own place apart from the bars built from ticks: csv
 * {@code exchange-bars/}, jdbc table {@code exchange_bars}, redis {@code xbar:}/{@code xbars:} keys, pubsub channel
 * {@code xbars:<interval>:<SYMBOL>}. Each sink retries with its own policy, then hands the batch to the bar dead
 * letter; a failing sink does not keep the batch from the others. User sinks receive only bars built from ticks.
 */
@ApplicationScoped
public class ExchangeBarRoutes extends RouteBuilder {

    private final Sinks sinks;
    private final SinkRetryPolicy retry;
    private final ExchangeBarCsvFiles csv;
    private final JdbcExchangeBarSink jdbc;
    private final RedisExchangeBarWriter redis;

    public ExchangeBarRoutes(Sinks sinks, SinkRetryPolicy retry, ExchangeBarCsvFiles csv, JdbcExchangeBarSink jdbc,
            RedisExchangeBarWriter redis) {
        this.sinks = sinks;
        this.retry = retry;
        this.csv = csv;
        this.jdbc = jdbc;
        this.redis = redis;
    }

    @Override
    public void configure() {
        List<String> targets = new ArrayList<>();
        addSink(targets, Sinks.CSV, csv, "write");
        addSink(targets, Sinks.JDBC, jdbc, "write");
        addSink(targets, Sinks.REDIS, redis, "write");
        addSink(targets, Sinks.PUBSUB, redis, "publish");

        if (targets.isEmpty()) {
            from("direct:exchange-bars").routeId("exchange-bars")
                    .log(LoggingLevel.DEBUG, "Exchange bars not stored: no csv, jdbc, redis or pubsub sink is active");
            return;
        }
        from("direct:exchange-bars").routeId("exchange-bars")
                .filter(e -> {
                    KlineBatch batch = e.getMessage().getBody(KlineBatch.class);
                    return batch != null && !batch.klines().isEmpty();
                })
                .multicast().to(targets.toArray(String[]::new));
    }

    private void addSink(List<String> targets, String sink, Object bean, String method) {
        if (!sinks.isActive(sink)) {
            return;
        }
        String endpoint = "direct:exchange-bars-" + sink;
        targets.add(endpoint);
        from(endpoint).routeId("exchange-bars-" + sink)
                .errorHandler(retry.retryThenDeadLetter(sink))
                .bean(bean, method);
    }
}
