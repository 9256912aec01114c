package io.caravan.feed.gap;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.caravan.bar.BarIntervals;
import io.caravan.tick.Tick;

/**
 * Notices the gaps of each WebSocket feed (by provider): the newest trade time before its connection was lost, and
 * the first trade time after it came back; at start-up, the first trade time and the start of the longest interval.
 * The gap is handed out once, by {@link #seen(Tick)} on the first trade after the connection (re)opened.
 * <p>
 * Only feeds that report their connection ({@link #connected}, {@link #lost}) are watched: a replay has no gaps.
 */
@ApplicationScoped
public class FeedGaps {

    private static final class State {
        /** Newest trade time received on the current connection; MIN_VALUE before the first. */
        volatile long newest = Long.MIN_VALUE;
        /** Newest trade time received before the last loss; MIN_VALUE = none yet (a start-up gap). */
        volatile long newestBeforeLoss = Long.MIN_VALUE;
        /** Set by an (re)open, cleared by the first trade after it. */
        volatile boolean awaitingFirstTrade;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final long longestInterval;

    @Inject
    public FeedGaps(BarIntervals intervals) {
        this(intervals.rollups().isEmpty() ? intervals.base().millis()
                : intervals.rollups().get(intervals.rollups().size() - 1).millis());
    }

    FeedGaps(long longestIntervalMillis) {
        this.longestInterval = longestIntervalMillis;
    }

    /** The feed's connection opened (first time or again). */
    public void connected(String provider) {
        states.computeIfAbsent(provider, p -> new State()).awaitingFirstTrade = true;
    }

    /** The feed's connection closed. */
    public void lost(String provider) {
        State state = states.get(provider);
        if (state != null && state.newest != Long.MIN_VALUE) {
            state.newestBeforeLoss = Math.max(state.newestBeforeLoss, state.newest);
        }
    }

    /**
     * Every validated live trade passes here (on the feed's one consumer thread). Returns the gap that ends at this
     * trade when it is the first after a connection opened and trades may have been missed.
     */
    public Optional<Gap> seen(Tick tick) {
        State state = states.get(tick.provider());
        if (state == null) {
            return Optional.empty();
        }
        if (tick.ts() > state.newest) {
            state.newest = tick.ts();
        }
        if (!state.awaitingFirstTrade) {
            return Optional.empty();
        }
        state.awaitingFirstTrade = false;
        long before = tick.ts();
        if (state.newestBeforeLoss == Long.MIN_VALUE) {
            // start-up: the bars open now began before this process did
            long after = Math.floorDiv(before, longestInterval) * longestInterval - 1;
            return Optional.of(new Gap(tick.provider(), after, before, true));
        }
        return before - state.newestBeforeLoss > 1
                ? Optional.of(new Gap(tick.provider(), state.newestBeforeLoss, before, false))
                : Optional.empty();
    }
}
