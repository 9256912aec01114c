package io.caravan.feed.websocket;

/**
 * Tells a dead connection from a quiet one. A socket can stay open while nothing comes through it any more (a NAT or
 * proxy that dropped the flow, a server that hung): no close ever arrives, so the feed would wait for trades for ever.
 * Anything heard (a message, a frame, a ping, a pong) proves the connection alive; after half of {@code staleAfter}
 * in silence the connection is asked (a WebSocket ping, which every server answers, market open or not); after all of
 * it, it is given up on. While the consumer has paused the socket (back-pressure) nothing can be heard, so that time
 * does not count. Plain arithmetic on times passed in; not thread safe (the socket's event loop only).
 */
final class SilenceWatch {

    enum Action {
        NONE,
        PING,
        GIVE_UP
    }

    private final long staleAfterMillis;
    private long lastHeard;
    private boolean pinged;
    private boolean givenUp;

    SilenceWatch(long staleAfterMillis, long nowMillis) {
        if (staleAfterMillis <= 0) {
            throw new IllegalArgumentException("staleAfterMillis must be positive: " + staleAfterMillis);
        }
        this.staleAfterMillis = staleAfterMillis;
        this.lastHeard = nowMillis;
    }

    /** Something came in. */
    void heard(long nowMillis) {
        if (!givenUp) {
            lastHeard = Math.max(lastHeard, nowMillis);
            pinged = false;
        }
    }

    /** Called periodically (a quarter of staleAfter is often enough); GIVE_UP is answered once. */
    Action check(long nowMillis, boolean paused) {
        if (givenUp) {
            return Action.NONE;
        }
        if (paused) {
            heard(nowMillis);
            return Action.NONE;
        }
        long silence = nowMillis - lastHeard;
        if (silence >= staleAfterMillis) {
            givenUp = true;
            return Action.GIVE_UP;
        }
        if (silence >= staleAfterMillis / 2 && !pinged) {
            pinged = true;
            return Action.PING;
        }
        return Action.NONE;
    }

    /** Milliseconds since something was last heard. */
    long silence(long nowMillis) {
        return nowMillis - lastHeard;
    }

    /** Whether the connection was given up on: what it brings from now on is not taken. */
    boolean givenUp() {
        return givenUp;
    }

    /** How often to {@link #check}. */
    static long checkPeriod(long staleAfterMillis) {
        return Math.max(25, staleAfterMillis / 4);
    }
}
