package io.caravan.feed.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.feed.WireJson;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Binance's {@code /api/v3/aggTrades} answer, {@code [{"a":..,"p":"..","q":"..","f":..,"l":..,"T":..,"m":..}]}, into
 * trades for gap-fill. An aggregate trade of one trade ({@code f == l}) is that trade: same id and duplicate key as
 * on the trade stream, so a trade received live and fetched again is recognised. One of several trades (same price,
 * same taker order) becomes one trade of their total quantity: volume, VWAP and prices stay exact, the bar's trade
 * count counts it once.
 */
@ApplicationScoped
public class BinanceAggTradeCodec {

    /** One answer: its trades, and the last aggregate trade's id and time (-1 when empty), to page on. */
    public record Page(List<RawTrade> trades, long lastId, long lastTime) {
    }

    private final AtomicLong sequence = new AtomicLong();

    public Page decode(String symbol, String body) {
        JsonNode root = WireJson.parse(body);
        if (root.isObject() && root.has("code")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR, WireJson.text(root, "msg"), body);
        }
        if (!root.isArray()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "aggTrades answer is not an array", body);
        }
        List<RawTrade> trades = new ArrayList<>(root.size());
        long lastId = -1;
        long lastTime = -1;
        for (JsonNode t : root) {
            lastId = t.path("a").asLong(-1);
            lastTime = t.path("T").asLong(-1);
            String first = WireJson.text(t, "f");
            String last = WireJson.text(t, "l");
            String agg = WireJson.text(t, "a");
            boolean single = first != null && first.equals(last);
            trades.add(new RawTrade(BinanceCodec.PROVIDER, symbol, WireJson.text(t, "T"), WireJson.text(t, "p"),
                    WireJson.text(t, "q"), single ? first : agg, single ? "trade:" + first : "aggTrade:" + agg,
                    sequence.incrementAndGet(), t.toString()));
        }
        return new Page(trades, lastId, lastTime);
    }
}
