package io.caravan.tick;

/** Thrown where a frame or trade is refused; the dead-letter route turns it into a record. */
public class TickRejectedException extends RuntimeException {

    private final RejectReason reason;
    private final String raw;

    public TickRejectedException(RejectReason reason, String detail, String raw) {
        super(reason.label() + (detail == null ? "" : ": " + detail), null, false, false);
        this.reason = reason;
        this.raw = raw;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The frame or trade text as received. */
    public String raw() {
        return raw;
    }
}
