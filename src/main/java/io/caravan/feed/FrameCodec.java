package io.caravan.feed;

import java.util.List;

import io.caravan.tick.RawTrade;

/**
 * Knows one wire format: takes a frame apart into trades. Messages that carry no trades (pings, acks, depth)
 * give an empty list; a frame that cannot be read throws {@link io.caravan.tick.TickRejectedException}.
 */
public interface FrameCodec {

    List<RawTrade> decode(String frame);

    /** Whether the frame looks like this codec's format (used to pick a codec for recorded frames). */
    boolean recognises(String frame);
}
