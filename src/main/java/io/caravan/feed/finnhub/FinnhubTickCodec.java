package io.caravan.feed.finnhub;

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
 * The answer of a tick (trades) endpoint in Finnhub's shape, {@code {"s":"AAPL","skip":0,"count":2,"total":2,
 * "t":[ms..],"p":[..],"v":[..],"i":[..]}}, into trades for gap-fill. {@code i} (trade ids) is the simulator's
 * addition; without it a trade is told apart by symbol, time and position.
 */
@ApplicationScoped
public class FinnhubTickCodec {

    /** One page of the answer; {@code total} counts every trade of the query, over all pages. */
    public record Page(List<RawTrade> trades, long total) {
    }

    private final AtomicLong sequence = new AtomicLong();

    public Page decode(String symbol, String body) {
        JsonNode root = WireJson.parse(body);
        if (root.has("error")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR, WireJson.text(root, "error"), body);
        }
        JsonNode t = array(root, "t", body);
        JsonNode p = array(root, "p", body);
        JsonNode v = array(root, "v", body);
        JsonNode ids = root.get("i");
        if (p.size() != t.size() || v.size() != t.size() || (ids != null && ids.size() != t.size())) {
            throw new TickRejectedException(RejectReason.MALFORMED, "arrays of different lengths", body);
        }
        long skip = root.path("skip").asLong(0);
        List<RawTrade> trades = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            String ts = WireJson.text(t.get(i));
            String id = ids == null ? null : WireJson.text(ids.get(i));
            String dedupe = "tick:" + (id != null ? id : ts + ":" + (skip + i));
            trades.add(new RawTrade(FinnhubCodec.PROVIDER, symbol, ts, WireJson.text(p.get(i)), WireJson.text(v.get(i)),
                    null, dedupe, sequence.incrementAndGet(), symbol + " " + ts + " " + p.get(i) + " " + v.get(i)));
        }
        return new Page(trades, root.path("total").asLong(trades.size()));
    }

    private static JsonNode array(JsonNode root, String field, String body) {
        JsonNode values = root.get(field);
        if (values == null || !values.isArray()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, "array " + field, body);
        }
        return values;
    }
}
