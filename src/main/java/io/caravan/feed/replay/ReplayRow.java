package io.caravan.feed.replay;

import io.caravan.tick.RejectReason;

/**
 * One line ready for the merge: {@code time} (epoch ms; {@code Long.MIN_VALUE} when unknown, so it goes out at once
 * and the validator refuses it) orders it among the other files' lines.
 */
record ReplayRow(long time, String line) {

    static ReplayRow refused(RejectReason reason, String detail, String raw) {
        return new ReplayRow(Long.MIN_VALUE, ReplayRefusal.line(reason, detail, raw));
    }
}
