package io.caravan.market;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@link Market#isOpen} for every trade without building the day's sessions each time: per market, the last answer
 * and the span over which it holds ({@link SessionState}), reused until a time outside that span is asked, then
 * computed anew. Times may go backwards (a replay of an older file after live trades): the answer is recomputed,
 * never stale. Lock-free: a racing recomputation stores an answer that is correct for its own span.
 */
public final class SessionCache {

    private final AtomicReferenceArray<SessionState> states = new AtomicReferenceArray<>(Market.values().length);

    public boolean isOpen(Market market, long epochMillis) {
        SessionState state = states.get(market.ordinal());
        if (state == null || !state.covers(epochMillis)) {
            state = market.stateAt(Instant.ofEpochMilli(epochMillis));
            states.set(market.ordinal(), state);
        }
        return state.open();
    }
}
