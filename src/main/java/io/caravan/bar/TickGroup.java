package io.caravan.bar;

import java.util.List;

import io.caravan.tick.Tick;

/**
 * Ticks of one base bucket (any symbols), from one batch (admitted) or fetched over REST (backfill): one exchange into
 * the aggregator, not one per tick.
 */
public record TickGroup(BarKey key, List<Tick> ticks) {
}
