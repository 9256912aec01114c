package io.caravan.feed.binance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.feed.FrameCodec;
import io.caravan.feed.WireJson;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Binance spot stream frames, raw or wrapped in a combined stream ({@code {"stream":..,"data":..}}):
 * {@code trade} (id {@code t}) and {@code aggTrade} (id {@code a}) carry trades; depth, bookTicker, kline and
 * control replies do not. Event time is the trade time {@code T}.
 */
@ApplicationScoped
@Named("binanceCodec")
public class BinanceCodec implements FrameCodec {

    public static final String PROVIDER = "binance";

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public List<RawTrade> decode(String frame) {
        JsonNode root = WireJson.parse(frame);
        JsonNode payload = root.has("stream") && root.has("data") ? root.get("data") : root;
        if (root.has("code") && root.has("msg")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR, WireJson.text(root, "msg"), frame);
        }
        String event = WireJson.text(payload, "e");
        String idField;
        if ("trade".equals(event)) {
            idField = "t";
        } else if ("aggTrade".equals(event)) {
            idField = "a";
        } else {
            return List.of();
        }
        String id = WireJson.text(payload, idField);
        return List.of(new RawTrade(PROVIDER, WireJson.text(payload, "s"), WireJson.text(payload, "T"),
                WireJson.text(payload, "p"), WireJson.text(payload, "q"), id, id == null ? null : event + ':' + id,
                sequence.incrementAndGet(), frame));
    }

    @Override
    public boolean recognises(String frame) {
        // trade and other stream events, control replies ({"result":..,"id":..}) and REST depth snapshots
        return frame.contains("\"e\":") || frame.contains("\"stream\":") || frame.contains("\"lastUpdateId\"")
                || (frame.contains("\"id\"") && frame.contains("\"result\"")) || (frame.contains("\"code\"") && frame.contains("\"msg\""));
    }
}
