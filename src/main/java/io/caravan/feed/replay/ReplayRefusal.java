package io.caravan.feed.replay;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * A line the reader already refused (too long, a row of a format that does not parse), carried in the line stream
 * as text that starts with a NUL so that the decoder, on whichever thread, sends it to the dead letter with its
 * reason. NUL never starts a line of any replay format.
 */
final class ReplayRefusal {

    private static final char MARK = '\u0000';

    private ReplayRefusal() {
    }

    static String line(RejectReason reason, String detail, String raw) {
        return MARK + reason.name() + MARK + detail.replace(MARK, ' ') + MARK + raw;
    }

    static boolean is(String line) {
        return !line.isEmpty() && line.charAt(0) == MARK;
    }

    /** The refusal a marked line stands for. */
    static TickRejectedException refusal(String line) {
        int second = line.indexOf(MARK, 1);
        int third = second < 0 ? -1 : line.indexOf(MARK, second + 1);
        if (third < 0) {
            return new TickRejectedException(RejectReason.MALFORMED, "unreadable line", line);
        }
        RejectReason reason;
        try {
            reason = RejectReason.valueOf(line.substring(1, second));
        } catch (IllegalArgumentException e) {
            reason = RejectReason.MALFORMED;
        }
        return new TickRejectedException(reason, line.substring(second + 1, third), line.substring(third + 1));
    }
}
