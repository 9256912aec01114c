package io.caravan.health;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.CamelContext;

import io.caravan.CaravanConfig;
import io.caravan.feed.FeedStatus;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.metrics.IngestMetrics;
import io.caravan.sink.BarDatabase;
import io.caravan.sink.SinkStatuses;
import io.caravan.sink.Sinks;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.vertx.redis.client.Redis;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers the readiness checks of what this run uses: one per WebSocket feed named in {@code caravan.feeds},
 * Redis when the redis or pubsub sink is active, the database when the jdbc sink is. A replay has no connection to
 * check. The sinks' own state (writing, or which is waiting for its database) is one more. Nothing unused is checked, so a run without Redis is not reported down for it.
 */
@ApplicationScoped
public class HealthRegistration {

    void register(@Observes StartupEvent event, @Readiness HealthRegistry readiness, CaravanConfig config,
            FeedStatus status, IngestMetrics ingest, MarketSession session, Sinks sinks,
            Instance<BarDatabase> database, Instance<Redis> redis,
            @RedisClientName("pubsub") Instance<Redis> pubsub, SinkStatuses sinkStatuses, CamelContext camel) {
        for (String feed : connectedFeeds(config)) {
            readiness.register(FeedHealthCheck.name(feed),
                    new FeedHealthCheck(feed, () -> status.of(feed), ingest.feed(feed), session, config.health().staleAfter()));
        }
        if (sinks.isActive(Sinks.REDIS)) {
            readiness.register("redis", new RedisHealthCheck("redis", redis.get(), config.redis().timeout()));
        }
        if (sinks.isActive(Sinks.PUBSUB)) {
            readiness.register("redis pubsub",
                    new RedisHealthCheck("redis pubsub", pubsub.get(), config.redis().timeout()));
        }
        if (sinks.isActive(Sinks.JDBC)) {
            readiness.register(DatabaseHealthCheck.NAME, new DatabaseHealthCheck(database.get()));
        }
        if (!sinks.active().isEmpty()) {
            readiness.register(SinksHealthCheck.NAME, new SinksHealthCheck(sinkStatuses.all(),
                    sink -> sinks.barsWaiting(sink, camel), java.time.Clock.systemUTC()));
        }
    }

    /** The providers of the WebSocket feeds named in caravan.feeds (the simulator feed is the Finnhub route). */
    static Set<String> connectedFeeds(CaravanConfig config) {
        Set<String> feeds = new LinkedHashSet<>();
        for (String feed : config.feeds()) {
            switch (feed.trim()) {
                case "simulator", "finnhub" -> feeds.add(FinnhubCodec.PROVIDER);
                case "binance" -> feeds.add(BinanceCodec.PROVIDER);
                default -> {
                    // replay, none: no connection whose health could change
                }
            }
        }
        return feeds;
    }
}
