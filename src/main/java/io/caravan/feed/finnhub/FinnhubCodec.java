package io.caravan.feed.finnhub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.feed.FrameCodec;
import io.caravan.feed.FrameIdentity;
import io.caravan.feed.WireJson;
import io.caravan.tick.Excerpt;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Finnhub WebSocket frames: {@code {"type":"trade","data":[{"p":..,"s":..,"t":..,"v":..,"c":[..]}]}}, pings and
 * errors. Finnhub gives no trade ids, so a trade is identified by its frame's content and position: a frame
 * delivered twice (overlapping reconnects) is caught as duplicate. Price updates with {@code v=0} (FX and crypto)
 * are trades of size zero: they count as trades and move OHLC, and add nothing to volume.
 */
@ApplicationScoped
@Named("finnhubCodec")
public class FinnhubCodec implements FrameCodec {

    public static final String PROVIDER = "finnhub";

    private static final Logger LOG = LoggerFactory.getLogger(FinnhubCodec.class);

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public List<RawTrade> decode(String frame) {
        JsonNode root = WireJson.parse(frame);
        String type = WireJson.text(root, "type");
        if (type == null) {
            throw new TickRejectedException(RejectReason.MALFORMED, "no type", frame);
        }
        switch (type) {
            case "trade":
                return trades(root, frame);
            case "error":
                String msg = WireJson.text(root, "msg");
                LOG.error("Finnhub error: {}{}", Excerpt.of(msg), msg != null && msg.contains("too many symbols")
                        ? " (one connection per key; free keys take about 50 symbols: see caravan.finnhub.max-symbols)"
                        : "");
                throw new TickRejectedException(RejectReason.PROVIDER_ERROR, msg, frame);
            default:
                // ping, news and anything else Finnhub adds: no trades in them
                return List.of();
        }
    }

    private List<RawTrade> trades(JsonNode root, String frame) {
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "trade frame without a data array", frame);
        }
        String frameId = FrameIdentity.of(frame);
        List<RawTrade> trades = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode t = data.get(i);
            // an element that is no object has no fields: the validator refuses it alone as malformed, not the frame
            trades.add(new RawTrade(PROVIDER, WireJson.text(t, "s"), WireJson.text(t, "t"), WireJson.text(t, "p"),
                    WireJson.text(t, "v"), null, frameId + ':' + i, sequence.incrementAndGet(), t.toString()));
        }
        return trades;
    }

    @Override
    public boolean recognises(String frame) {
        return frame.contains("\"type\"");
    }
}
