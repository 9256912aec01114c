package io.caravan.market;

/**
 * Whether a market is in its regular session, and the span of time {@code [from, until)} (epoch ms) over which that
 * answer holds: no session opens or closes inside it. The span may be shorter than the real one (it is computed
 * from the sessions of a few days around a time), never longer.
 */
public record SessionState(boolean open, long from, long until) {

    /** A market that never closes. */
    static final SessionState ALWAYS_OPEN = new SessionState(true, Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean covers(long epochMillis) {
        return epochMillis >= from && epochMillis < until;
    }
}
