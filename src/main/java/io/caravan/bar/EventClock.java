package io.caravan.bar;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event time: the largest trade time seen, except that a trade more than {@code maxJump} ahead of it moves it only
 * when the next trade is that far ahead too. One trade with a wrong timestamp (a day ahead) would otherwise close
 * every bucket before it and make the rest of a file late; a real jump (the next trading day, a weekend) is
 * followed at its second trade. An unconfirmed trade is still admitted: it waits in its own bucket, which closes
 * when event time reaches it or at the end of input.
 */
final class EventClock {

    private static final Logger LOG = LoggerFactory.getLogger(EventClock.class);

    private final long maxJumpMillis;
    private volatile long time = Long.MIN_VALUE;
    /** The time of the last trade when it was more than maxJump ahead, else MIN_VALUE. */
    private long unconfirmed = Long.MIN_VALUE;

    EventClock(Duration maxJump) {
        this.maxJumpMillis = maxJump.toMillis();
    }

    /** Largest confirmed event time, {@code Long.MIN_VALUE} before the first trade. */
    long now() {
        return time;
    }

    /** A trade admitted at {@code ts}: moves event time to it unless it is an unconfirmed jump. */
    synchronized void observe(long ts) {
        long current = time;
        boolean jump = current != Long.MIN_VALUE && ts - current > maxJumpMillis;
        if (jump && unconfirmed == Long.MIN_VALUE) {
            unconfirmed = ts;
            return;
        }
        if (jump) {
            // the second trade in a row that far ahead: a real jump, to the nearer of the two (either may be wrong)
            ts = Math.min(ts, unconfirmed);
        } else if (unconfirmed != Long.MIN_VALUE) {
            LOG.warn("A trade at {} was {} ahead of the event clock and the next trade did not confirm the jump: "
                    + "event time stays at {} (caravan.bars.max-clock-jump={})", Instant.ofEpochMilli(unconfirmed),
                    Duration.ofMillis(unconfirmed - current), Instant.ofEpochMilli(current),
                    Duration.ofMillis(maxJumpMillis));
        }
        unconfirmed = Long.MIN_VALUE;
        if (ts > current) {
            time = ts;
        }
    }
}
