package io.caravan.snapshot;

import java.util.List;

import io.caravan.tick.TickRejectedException;

/** A snapshot answer taken apart: the quotes that passed the checks, and each refused entry with its reason. */
public record SnapshotAnswer(List<SnapshotQuote> quotes, List<TickRejectedException> rejects) {
}
