package io.caravan.feed.finnhub;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bar.Interval;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineCheck;
import io.caravan.feed.KlineCodec;
import io.caravan.feed.WireJson;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Finnhub's {@code /api/v1/stock/candle} answer: parallel arrays {@code o h l c v t} (t = bar start in UNIX seconds)
 * with {@code "s":"ok"}, or {@code {"s":"no_data"}}, or {@code {"error":..}}. Candles carry no notional, VWAP or
 * trade count: those stay unknown.
 */
@ApplicationScoped
@Named("finnhubCandleCodec")
public class FinnhubCandleCodec implements KlineCodec {

    private static final String[] ARRAYS = { "o", "h", "l", "c", "v", "t" };

    @Override
    public List<Kline> decode(String symbol, Interval interval, String body) {
        JsonNode root = WireJson.parse(body);
        if (root.has("error")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR, WireJson.text(root, "error"), body);
        }
        String status = WireJson.text(root, "s");
        if ("no_data".equals(status)) {
            return List.of();
        }
        if (!"ok".equals(status)) {
            throw new TickRejectedException(RejectReason.MALFORMED, "status " + status, body);
        }
        int size = -1;
        for (String array : ARRAYS) {
            JsonNode values = root.get(array);
            if (values == null || !values.isArray()) {
                throw new TickRejectedException(RejectReason.MISSING_FIELD, "array " + array, body);
            }
            if (size >= 0 && values.size() != size) {
                throw new TickRejectedException(RejectReason.MALFORMED, "arrays of different lengths", body);
            }
            size = values.size();
        }
        List<Kline> klines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long openTime = KlineCheck.secondsToMillis(text(root, "t", i), "t", body);
            klines.add(KlineCheck.check(new Kline("finnhub", symbol, interval, openTime,
                    KlineCheck.decimal(text(root, "o", i), "o", body), KlineCheck.decimal(text(root, "h", i), "h", body),
                    KlineCheck.decimal(text(root, "l", i), "l", body), KlineCheck.decimal(text(root, "c", i), "c", body),
                    KlineCheck.decimal(text(root, "v", i), "v", body), null, null, null), body));
        }
        klines.sort(Comparator.comparingLong(Kline::openTime)); // oldest first, whatever the order sent
        return klines;
    }

    private static String text(JsonNode root, String array, int i) {
        return WireJson.text(root.get(array).get(i));
    }
}
