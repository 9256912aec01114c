package io.caravan.tick;

/**
 * A trade as a codec found it in a frame, fields still in their wire text. {@link TickValidator} turns it into a
 * {@link Tick} or rejects it with a named reason; codecs only take frames apart.
 *
 * @param dedupeKey identifies the trade for duplicate detection (trade id, or frame identity for providers without
 *                  ids); null when the provider gives nothing to dedupe on
 * @param raw       the text to keep in the dead letter if this trade is rejected
 */
public record RawTrade(String provider, String symbol, String ts, String price, String size, String tradeId,
        String dedupeKey, long seq, String raw) {
}
