package io.caravan.fuzz;

/**
 * One hostile input: a frame (or replay row) of a provider's format after a mutation.
 *
 * @param bytes    what is sent or written, not necessarily UTF-8
 * @param frame    how it travels over a WebSocket: a text frame, a text frame whose bytes are not UTF-8, or binary
 */
record FuzzCase(int index, Provider provider, FrameMutator.Mutation mutation, byte[] bytes, FrameType frame) {

    enum FrameType {
        TEXT,
        INVALID_TEXT,
        BINARY
    }

    /**
     * The most dead-letter records this case may cause: one per line it may split into, times one per trade-like
     * object ('{') it holds. A bound, not a prediction.
     */
    long maxRecords() {
        long lines = 1;
        long objects = 1;
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                lines++;
            } else if (b == '{') {
                objects++;
            }
        }
        return lines * objects;
    }

    @Override
    public String toString() {
        return "case " + index + " (" + provider + ", " + mutation + ", " + bytes.length + " bytes)";
    }
}
