package io.caravan.health;

import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.caravan.feed.FeedStatus;
import io.caravan.metrics.IngestMetrics;

/**
 * One WebSocket feed: UP while it is connected and, when its market is in session, a trade came within
 * {@code caravan.health.stale-after} (counted from the connection when none came yet).
 */
final class FeedHealthCheck implements HealthCheck {

    private final String feed;
    private final Supplier<FeedStatus.State> status;
    private final IngestMetrics.Feed ticks;
    private final MarketSession session;
    private final long staleAfterMillis;

    /** @param status the feed's connection state, from {@link FeedStatus} */
    FeedHealthCheck(String feed, Supplier<FeedStatus.State> status, IngestMetrics.Feed ticks, MarketSession session,
            Duration staleAfter) {
        this.feed = feed;
        this.status = status;
        this.ticks = ticks;
        this.session = session;
        this.staleAfterMillis = staleAfter.toMillis();
    }

    static String name(String feed) {
        return "feed " + feed;
    }

    @Override
    public HealthCheckResponse call() {
        long now = System.currentTimeMillis();
        FeedStatus.State state = status.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name(feed)).withData("state", state.state());
        if (!FeedStatus.CONNECTED.equals(state.state())) {
            return response.withData("since", state.since()).down().build();
        }
        long lastTick = ticks.lastTickAt();
        if (lastTick > 0) {
            response.withData("lastTradeAgeMs", now - lastTick);
        }
        boolean inSession = session.inSession(feed, now);
        response.withData("inSession", inSession);
        long quietFor = now - Math.max(lastTick, state.since());
        if (inSession && quietFor > staleAfterMillis) {
            return response.withData("stale", "no trade for " + quietFor / 1000 + " s").down().build();
        }
        return response.up().build();
    }
}
