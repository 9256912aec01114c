package io.caravan.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * WebSocket feed connections, from the OPEN and CLOSE events the feed routes pass to {@code FeedStatus}: whether each
 * feed is connected, how often it connected again after its first connection, and how often it lost one.
 */
@ApplicationScoped
public class ConnectionMetrics {

    public static final String CONNECTED = "caravan.feed.connected";
    public static final String RECONNECTS = "caravan.feed.reconnects";
    public static final String DISCONNECTS = "caravan.feed.disconnects";

    private static final class Feed {
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger opens = new AtomicInteger();
        Counter reconnects;
        Counter disconnects;
    }

    private final MeterRegistry registry;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    public ConnectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void opened(String provider) {
        Feed feed = feed(provider);
        feed.connected.set(1);
        if (feed.opens.incrementAndGet() > 1) {
            feed.reconnects.increment();
        }
    }

    public void closed(String provider) {
        Feed feed = feed(provider);
        feed.connected.set(0);
        feed.disconnects.increment();
    }

    private Feed feed(String provider) {
        return feeds.computeIfAbsent(provider, p -> {
            Feed feed = new Feed();
            Gauge.builder(CONNECTED, feed.connected, AtomicInteger::get).tag("feed", p)
                    .description("1 while the feed's WebSocket is open, else 0").register(registry);
            feed.reconnects = Counter.builder(RECONNECTS).tag("feed", p)
                    .description("Connections opened after the feed's first one").register(registry);
            feed.disconnects = Counter.builder(DISCONNECTS).tag("feed", p)
                    .description("Connections the feed lost or closed").register(registry);
            return feed;
        });
    }
}
