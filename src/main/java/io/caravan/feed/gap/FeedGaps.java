package io.caravan.feed.gap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.caravan.bar.BarIntervals;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

/**
 * Notices the gaps of each WebSocket feed (by provider): the newest trade time before its connection was lost, and
 * the first trade time after it came back; at start-up, the first trade time and the start of the longest interval.
 * The gap is handed out once, by {@link #seen(Tick)} on the first trade after the connection (re)opened; or, when no
 * trade comes for a while after it opened, by {@link #quiet}, ending at the time the connection opened.
 * <p>
 * A gap ends at the first trade of <em>any</em> symbol, but an exchange applies a connection's subscriptions one by
 * one: a symbol subscribed a moment later trades after that first trade and before its own first trade arrives, and
 * those trades come neither live nor by a fill that stops where the gap ends. So each symbol's part of a gap ends at
 * that symbol's own first live trade on the new connection ({@link Connection#endOf}); the part of a symbol without
 * one yet waits for it and is handed out with it by {@link #seen}. A part still waiting when the connection is
 * replaced, or (wall clock) {@code caravan.gap-fill.quiet-after} after it opened, is filled up to the newest trade of
 * the connection, and a later live trade of that symbol at or before that time is refused as a duplicate.
 * <p>
 * Only feeds that report their connection ({@link #connected}, {@link #lost}) are watched: a replay has no gaps.
 */
@ApplicationScoped
public class FeedGaps {

    /** One connection of a feed: where each symbol's live trades begin on it. */
    public static final class Connection {
        /** Per symbol: {@code > 0} the time of its first live trade; {@code < 0} filled up to minus this, inclusive. */
        private final Map<String, Long> cuts = new ConcurrentHashMap<>();
        /** Per symbol, its part of this connection's gap, waiting for the symbol's first live trade. */
        private final Map<String, Gap> waiting = new ConcurrentHashMap<>();
        private final long openedAt;
        /** Newest trade time received on this connection; MIN_VALUE before the first. */
        private volatile long newest = Long.MIN_VALUE;
        /** Set once a newer connection took its place: no live trade comes on this one any more. */
        private volatile boolean replaced;

        Connection(long openedAt) {
            this.openedAt = openedAt;
        }

        /**
         * Where the symbol's part of the gap ends (exclusive): at its first live trade on this connection. Empty when
         * it has none yet: the part then waits for it, and {@link FeedGaps#seen} hands it out with that trade.
         *
         * @param feedSymbol the symbol as subscribed, {@code tickSymbol} as its trades name it
         */
        public OptionalLong endOf(Gap gap, String feedSymbol, String tickSymbol) {
            Long cut = cuts.get(tickSymbol);
            if (cut == null) {
                Gap part = new Gap(gap.provider(), gap.after(), gap.before(), gap.startup(), this, feedSymbol);
                waiting.put(tickSymbol, part);
                cut = cuts.get(tickSymbol);
                if (cut == null && replaced && waiting.remove(tickSymbol, part)) {
                    // the gap is filled after its connection was replaced (the gap-fill queue runs behind the feed):
                    // no live trade will come on it, and the replacement's endWaiting ran before this part waited
                    return OptionalLong.of(endNow(tickSymbol, part));
                }
                // a first trade that came meanwhile either took the part (and hands it out) or left it here; a
                // replacement meanwhile ended it (and hands it out)
                if (cut == null || !waiting.remove(tickSymbol, part)) {
                    return OptionalLong.empty();
                }
            }
            return OptionalLong.of(cut > 0 ? cut : -cut + 1);
        }

        /** Ends a part taken from {@link #waiting} at the newest trade of this connection; the end, exclusive. */
        private long endNow(String symbol, Gap part) {
            long until = Math.max(part.before() - 1, newest);
            Long cut = cuts.putIfAbsent(symbol, -until);
            return cut == null ? until + 1 : cut > 0 ? cut : -cut + 1;
        }

        /** The part of a gap that this trade, its symbol's first on the connection, ends; refused if filled already. */
        private Gap live(Tick tick) {
            String symbol = tick.symbol();
            Long cut = cuts.get(symbol);
            Gap ended = null;
            if (cut == null) {
                cut = cuts.putIfAbsent(symbol, tick.ts());
                Gap part = cut == null ? waiting.remove(symbol) : null;
                if (part != null) {
                    ended = new Gap(part.provider(), part.after(), tick.ts(), part.startup(), this, part.symbol());
                }
            }
            if (cut != null && cut < 0 && tick.ts() <= -cut) {
                throw new TickRejectedException(RejectReason.DUPLICATE,
                        "filled by gap-fill up to " + Instant.ofEpochMilli(-cut), null);
            }
            if (tick.ts() > newest) {
                newest = tick.ts();
            }
            return ended;
        }

        /**
         * The parts still waiting, each ended now: at the newest trade of this connection, which fences the symbol's
         * later live trades (or at its first live trade, if one came meanwhile).
         */
        private void endWaiting(List<Gap> ended) {
            waiting.forEach((symbol, part) -> {
                if (!waiting.remove(symbol, part)) {
                    return;
                }
                long before = endNow(symbol, part);
                ended.add(new Gap(part.provider(), part.after(), before, part.startup(), null, part.symbol()));
            });
        }
    }

    private static final class State {
        /** Newest trade time received; MIN_VALUE before the first. */
        volatile long newest = Long.MIN_VALUE;
        /** Newest trade time received before the last loss; MIN_VALUE = none yet (a start-up gap). */
        volatile long newestBeforeLoss = Long.MIN_VALUE;
        /** Set by an (re)open, cleared by the first trade after it or by {@link #quiet}: the gap goes out once. */
        final AtomicBoolean awaitingFirstTrade = new AtomicBoolean();
        volatile Connection connection = new Connection(Long.MIN_VALUE);
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

    /**
     * The feed's connection opened (first time or again). Trades received before it mean the feed was connected
     * before, whether or not its loss was reported: a route stopped or replaced by a reload closes its socket
     * without a CLOSE event, and its next open is a reconnect, not a start-up (whose backfill would count every
     * trade received since the longest interval began a second time).
     *
     * @return the parts of the previous connection's gap still waiting for a first live trade, ended now
     */
    public List<Gap> connected(String provider) {
        State state = states.computeIfAbsent(provider, p -> new State());
        List<Gap> ended = new ArrayList<>();
        // replaced first: a part that starts waiting from now on is ended by endOf itself
        state.connection.replaced = true;
        state.connection.endWaiting(ended);
        if (state.newest != Long.MIN_VALUE) {
            state.newestBeforeLoss = Math.max(state.newestBeforeLoss, state.newest);
        }
        state.connection = new Connection(wallClock.getAsLong());
        state.awaitingFirstTrade.set(true);
        return ended;
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
     * trade when it is the first after a connection opened and trades may have been missed, and the part of a gap
     * that waited for this symbol's first trade.
     *
     * @throws TickRejectedException {@code duplicate}, for a trade that gap-fill fetched already
     */
    public List<Gap> seen(Tick tick) {
        State state = states.get(tick.provider());
        if (state == null) {
            return List.of();
        }
        Connection connection = state.connection;
        Gap part = connection.live(tick);
        if (tick.ts() > state.newest) {
            state.newest = tick.ts();
        }
        Optional<Gap> gap = state.awaitingFirstTrade.get() && state.awaitingFirstTrade.compareAndSet(true, false)
                ? gapUntil(tick.provider(), state, connection, tick.ts()) : Optional.empty();
        if (part == null) {
            return gap.map(List::of).orElse(List.of());
        }
        return gap.map(g -> List.of(g, part)).orElse(List.of(part));
    }

    private Optional<Gap> gapUntil(String provider, State state, Connection connection, long before) {
        if (state.newestBeforeLoss == Long.MIN_VALUE) {
            // start-up: the bars open now began before this process did
            long after = Math.floorDiv(before, longestInterval) * longestInterval - 1;
            return Optional.of(new Gap(provider, after, before, true, connection, null));
        }
        return before - state.newestBeforeLoss > 1
                ? Optional.of(new Gap(provider, state.newestBeforeLoss, before, false, connection, null))
                : Optional.empty();
    }

    /**
     * The gaps of feeds connected for {@code quietMillis} without a trade (a quiet market, a symbol that stopped
     * trading): each ends when its connection opened, since every trade after that arrives live. Trades up to then are
     * filled, so a later loss starts its gap there. The end is a wall-clock time, so a feed whose last trade is more
     * than {@code maxSpanMillis} older than that (a simulator replaying an old file) keeps waiting for its first trade.
     * Also the parts of gaps whose symbol has had no live trade for {@code quietMillis} since its connection opened,
     * each ended at the newest trade of the connection.
     */
    public List<Gap> quiet(long quietMillis, long maxSpanMillis) {
        long now = wallClock.getAsLong();
        List<Gap> gaps = new ArrayList<>();
        states.forEach((provider, state) -> {
            Connection connection = state.connection;
            long openedAt = connection.openedAt;
            if (now - openedAt < quietMillis) {
                return;
            }
            boolean plausible = state.newestBeforeLoss == Long.MIN_VALUE
                    || openedAt - state.newestBeforeLoss <= maxSpanMillis;
            if (plausible && state.awaitingFirstTrade.get() && state.awaitingFirstTrade.compareAndSet(true, false)) {
                // filled up to the connect as it is: no trade came on the connection to tell where each symbol's begin
                gapUntil(provider, state, null, openedAt).ifPresent(gaps::add);
                state.newest = Math.max(state.newest, openedAt - 1);
            }
            connection.endWaiting(gaps);
        });
        return gaps;
    }
}
