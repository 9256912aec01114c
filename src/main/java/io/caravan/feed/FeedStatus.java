package io.caravan.feed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.caravan.feed.gap.FeedGaps;
import io.caravan.feed.gap.Gap;
import io.caravan.feed.gap.GapFill;
import io.caravan.metrics.ConnectionMetrics;

/**
 * Whether each WebSocket feed is connected, as its route learns it from the client's OPEN and CLOSE events. A feed
 * without connection events (a replay) has no state here and reads as {@code n/a}.
 */
@ApplicationScoped
@Named("feedStatus")
public class FeedStatus {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String NOT_APPLICABLE = "n/a";

    /** @param since when the feed entered this state, epoch milliseconds */
    public record State(String state, long since) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final FeedGaps gaps;
    private final Consumer<Gap> fill;
    private final ConnectionMetrics metrics;

    @Inject
    public FeedStatus(FeedGaps gaps, GapFill gapFill, ConnectionMetrics metrics) {
        this(gaps, gapFill::request, metrics);
    }

    /** Without gap-fill, for tests of what reads the status. */
    public FeedStatus(FeedGaps gaps, ConnectionMetrics metrics) {
        this(gaps, gap -> {
        }, metrics);
    }

    private FeedStatus(FeedGaps gaps, Consumer<Gap> fill, ConnectionMetrics metrics) {
        this.gaps = gaps;
        this.fill = fill;
        this.metrics = metrics;
    }

    /** Called by a feed route on its OPEN event; {@code provider} is the providers' name carried by its ticks. */
    public void connected(String provider) {
        states.put(provider, new State(CONNECTED, System.currentTimeMillis()));
        // what the last connection's gap still had waiting for a symbol's first live trade is filled now
        gaps.connected(provider).forEach(fill);
        metrics.opened(provider);
    }

    /** Called by a feed route on its CLOSE event. */
    public void disconnected(String provider) {
        states.put(provider, new State(DISCONNECTED, System.currentTimeMillis()));
        gaps.lost(provider);
        metrics.closed(provider);
    }

    public State of(String provider) {
        State state = provider == null ? null : states.get(provider);
        return state != null ? state : new State(NOT_APPLICABLE, 0);
    }
}
