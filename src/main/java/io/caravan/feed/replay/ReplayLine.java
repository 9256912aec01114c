package io.caravan.feed.replay;

import java.util.List;

import io.caravan.tick.RawTrade;

/**
 * One line of a replay file, decoded.
 *
 * @param paceTime when it happened, epoch ms, for pacing: the event time of a CSV row, the receive time of a
 *                 recorded frame; {@code Long.MIN_VALUE} when unknown
 */
public record ReplayLine(List<RawTrade> trades, long paceTime) {
}
