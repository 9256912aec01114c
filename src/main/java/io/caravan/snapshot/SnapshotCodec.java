package io.caravan.snapshot;

/**
 * Knows one provider's snapshot answer. A body that is not an answer at all (not JSON, an error message, the wrong
 * shape) throws {@link io.caravan.tick.TickRejectedException} with the reason; a bad entry among good ones is
 * refused on its own, in {@link SnapshotAnswer#rejects()}, and the others are kept.
 */
public interface SnapshotCodec {

    SnapshotAnswer decode(String body);
}
