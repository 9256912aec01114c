package io.caravan.api;

import io.caravan.bar.Interval;

/**
 * A checked bar query: bars whose open time is in {@code [from, to)}, the newest {@code limit} of them.
 *
 * @param from epoch milliseconds, inclusive; {@link Long#MIN_VALUE} when not given
 * @param to   epoch milliseconds, exclusive; {@link Long#MAX_VALUE} when not given
 */
public record BarQuery(Interval interval, long from, long to, int limit) {

    public boolean contains(long openTime) {
        return openTime >= from && openTime < to;
    }
}
