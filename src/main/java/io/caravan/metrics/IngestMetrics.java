package io.caravan.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.feed.replay.ReplayDecoder;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Trades in per feed, refusals per reason, and how long after its exchange time a trade reached caravan. Called for
 * every tick: the meters are built once per feed and reason and held here, so a tick costs a map read, a counter
 * increment and a histogram update, never a tag lookup in the registry.
 */
@ApplicationScoped
public class IngestMetrics {

    public static final String TICKS = "caravan.ticks.received";
    public static final String REJECTED = "caravan.ticks.rejected";
    public static final String RECEIVE_LAG = "caravan.tick.receive.lag";

    /** Meters and the last tick time of one feed (one provider: finnhub, binance, replay, ...). */
    public static final class Feed {
        private final Counter ticks;
        private final Timer lag;
        private volatile long lastTickAt;

        Feed(Counter ticks, Timer lag) {
            this.ticks = ticks;
            this.lag = lag;
        }

        /** Wall-clock time of this feed's newest valid trade, epoch ms; 0 before the first. */
        public long lastTickAt() {
            return lastTickAt;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejects = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectReason reason : RejectReason.values()) {
            rejectCounter(reason.label());
        }
        rejectCounter("error");
    }

    /** A trade passed validation. The lag is measured for live feeds only: a replay's trades are old on purpose. */
    public void received(Tick tick) {
        long now = System.currentTimeMillis();
        Feed feed = feed(tick.provider());
        feed.ticks.increment();
        feed.lastTickAt = now;
        if (feed.lag != null) {
            feed.lag.record(Math.max(0, now - tick.ts()), TimeUnit.MILLISECONDS);
        }
    }

    /** A frame or trade went to the dead letter with this reason (a label of {@link RejectReason}, or error). */
    public void rejected(String reason) {
        Counter counter = rejects.get(reason);
        (counter != null ? counter : rejectCounter(reason)).increment();
    }

    /** The feed's meters, registered on first use. */
    public Feed feed(String provider) {
        Feed feed = feeds.get(provider);
        return feed != null ? feed : feeds.computeIfAbsent(provider, this::register);
    }

    private Feed register(String provider) {
        Counter ticks = Counter.builder(TICKS).tag("feed", provider)
                .description("Trades that passed validation, per feed").register(registry);
        Timer lag = ReplayDecoder.PROVIDER.equals(provider) ? null : Timer.builder(RECEIVE_LAG).tag("feed", provider)
                .description("Receive time minus the trade's exchange time, per live feed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        return new Feed(ticks, lag);
    }

    private Counter rejectCounter(String reason) {
        return rejects.computeIfAbsent(reason, r -> Counter.builder(REJECTED).tag("reason", r)
                .description("Frames and trades sent to the tick dead letter, per reason").register(registry));
    }
}
