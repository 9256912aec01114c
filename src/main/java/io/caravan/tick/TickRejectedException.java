package io.caravan.tick;

/**
 * Thrown where a frame or trade is refused; the dead-letter route turns it into a record. The message quotes at most
 * {@link #MAX_DETAIL_CHARS} characters of the detail: a detail that names a huge input stays short.
 */
public class TickRejectedException extends RuntimeException {

    static final int MAX_DETAIL_CHARS = 500;

    private final RejectReason reason;
    private final String raw;

    public TickRejectedException(RejectReason reason, String detail, String raw) {
        super(reason.label() + (detail == null ? "" : ": " + Excerpt.of(detail, MAX_DETAIL_CHARS)), null, false, false);
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
