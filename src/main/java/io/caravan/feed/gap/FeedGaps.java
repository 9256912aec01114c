package io.caravan.feed.gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.caravan.bar.BarIntervals;
import io.caravan.tick.Tick;

/**
 * Notices the gaps of each WebSocket feed (by provider): the newest trade time before its connection was lost, and
 * the first trade time after it came back; at start-up, the first trade time and the start of the longest interval.
 * The gap is handed out once, by {@link #seen(Tick)} on the first trade after the connection (re)opened; or, when no
 * trade comes for a while after it opened, by {@link #quiet}, ending at the time the connection opened.
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
        /** Set by an (re)open, cleared by the first trade after it or by {@link #quiet}: the gap goes out once. */
        final AtomicBoolean awaitingFirstTrade = new AtomicBoolean();
        /** Wall-clock time of the last (re)open. */
        volatile long connectedAt;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final long longestInterval;
    private final LongSupplier wallClock;

    @Inject
    public FeedGaps(BarIntervals intervals) {
        this(intervals.rollups().isEmpty() ? intervals.base().millis()
                : intervals.rollups().get(intervals.rollups().size() - 1).millis(), System::currentTimeMillis);
    }

    FeedGaps(long longestIntervalMillis, LongSupplier wallClock) {
        this.longestInterval = longestIntervalMillis;
        this.wallClock = wallClock;
    }

    /** The feed's connection opened (first time or again). */
    public void connected(String provider) {
        State state = states.computeIfAbsent(provider, p -> new State());
        state.connectedAt = wallClock.getAsLong();
        state.awaitingFirstTrade.set(true);
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
        if (!state.awaitingFirstTrade.get() || !state.awaitingFirstTrade.compareAndSet(true, false)) {
            return Optional.empty();
        }
        return gapUntil(tick.provider(), state, tick.ts());
    }

    private Optional<Gap> gapUntil(String provider, State state, long before) {
        if (state.newestBeforeLoss == Long.MIN_VALUE) {
            // start-up: the bars open now began before this process did
            long after = Math.floorDiv(before, longestInterval) * longestInterval - 1;
            return Optional.of(new Gap(provider, after, before, true));
        }
        return before - state.newestBeforeLoss > 1
                ? Optional.of(new Gap(provider, state.newestBeforeLoss, before, false))
                : Optional.empty();
    }

    /**
     * The gaps of feeds connected for {@code quietMillis} without a trade (a quiet market, a symbol that stopped
     * trading): each ends when its connection opened, since every trade after that arrives live. Trades up to then are
     * filled, so a later loss starts its gap there. The end is a wall-clock time, so a feed whose last trade is more
     * than {@code maxSpanMillis} older than that (a simulator replaying an old file) keeps waiting for its first trade.
     */
    public List<Gap> quiet(long quietMillis, long maxSpanMillis) {
        long now = wallClock.getAsLong();
        List<Gap> gaps = new ArrayList<>();
        states.forEach((provider, state) -> {
            long openedAt = state.connectedAt;
            boolean plausible = state.newestBeforeLoss == Long.MIN_VALUE
                    || openedAt - state.newestBeforeLoss <= maxSpanMillis;
            if (plausible && state.awaitingFirstTrade.get() && now - openedAt >= quietMillis
                    && state.awaitingFirstTrade.compareAndSet(true, false)) {
                gapUntil(provider, state, openedAt).ifPresent(gaps::add);
                state.newest = Math.max(state.newest, openedAt - 1);
            }
        });
        return gaps;
    }
}
