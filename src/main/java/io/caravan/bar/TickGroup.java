package io.caravan.bar;

import java.util.List;

import io.caravan.tick.Tick;

/** Admitted ticks of one base bar, from one batch: one exchange into the aggregator instead of one per tick. */
public record TickGroup(BarKey key, List<Tick> ticks) {
}
