package io.caravan.tick;

/** Why a frame or trade went to the dead letter. The names are what the dead-letter records carry. */
public enum RejectReason {
    MALFORMED("malformed"),
    /** A WebSocket message above caravan.websocket.max-frame-bytes. */
    TOO_LARGE("too large"),
    /** A WebSocket text message whose bytes are not UTF-8. */
    INVALID_UTF_8("invalid utf-8"),
    MISSING_FIELD("missing field"),
    NOT_A_NUMBER("not a number"),
    NON_POSITIVE_PRICE("non-positive price"),
    NEGATIVE_SIZE("negative size"),
    BAD_TIMESTAMP("bad timestamp"),
    BAD_SYMBOL("bad symbol"),
    DUPLICATE("duplicate"),
    LATE("late"),
    PROVIDER_ERROR("provider error"),
    /** A symbol asked for that a snapshot answer left out, even when asked for alone. */
    MISSING_SYMBOL("missing symbol");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
