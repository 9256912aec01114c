package io.caravan.feed.binance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bar.BarBuilder;
import io.caravan.bar.Interval;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineCheck;
import io.caravan.feed.KlineCodec;
import io.caravan.feed.WireJson;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Binance's klines: the {@code /api/v3/klines} answer, an array of
 * {@code [open time, open, high, low, close, volume, close time, quote volume, trades, ...]}; and the
 * {@code <symbol>@kline_1m} stream's events, {@code {"e":"kline",..,"k":{"t":..,"s":..,"i":"1m","o":..,"c":..,"h":..,
 * "l":..,"v":..,"n":..,"x":closed,"q":..}}}. The quote volume is Σ price·quantity, so the notional and the VWAP are the
 * provider's own numbers; an error is {@code {"code":..,"msg":..}}.
 */
@ApplicationScoped
@Named("binanceKlineCodec")
public class BinanceKlineCodec implements KlineCodec {

    @Override
    public List<Kline> decode(String symbol, Interval interval, String body) {
        JsonNode root = WireJson.parse(body);
        if (root.isObject() && root.has("code")) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR,
                    "Binance error " + WireJson.text(root, "code") + ": " + WireJson.text(root, "msg"), body);
        }
        if (!root.isArray()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "not an array of klines", body);
        }
        List<Kline> klines = new ArrayList<>(root.size());
        for (JsonNode row : root) {
            if (!row.isArray() || row.size() < 9) {
                throw new TickRejectedException(RejectReason.MALFORMED, "a kline is an array of at least 9 fields", body);
            }
            BigDecimal volume = KlineCheck.decimal(text(row, 5), "volume", body);
            BigDecimal notional = KlineCheck.decimal(text(row, 7), "quote volume", body);
            klines.add(KlineCheck.check(new Kline("binance", symbol, interval, KlineCheck.millis(text(row, 0), "open time", body),
                    KlineCheck.decimal(text(row, 1), "open", body), KlineCheck.decimal(text(row, 2), "high", body),
                    KlineCheck.decimal(text(row, 3), "low", body), KlineCheck.decimal(text(row, 4), "close", body),
                    volume, notional, BarBuilder.vwap(notional, volume),
                    KlineCheck.millis(text(row, 8), "trades", body)), body));
        }
        klines.sort(Comparator.comparingLong(Kline::openTime)); // oldest first, whatever the order sent
        return klines;
    }

    /**
     * A {@code kline} stream event (raw or in a combined stream's {@code data}): its kline once closed
     * ({@code "x":true}), empty while it is still forming (Binance pushes it every 2 s).
     */
    public Optional<Kline> closedEvent(String frame) {
        JsonNode root = WireJson.parse(frame);
        JsonNode payload = root.has("stream") && root.has("data") ? root.get("data") : root;
        JsonNode k = payload.get("k");
        if (!"kline".equals(WireJson.text(payload, "e")) || k == null || !k.isObject()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "not a kline event", frame);
        }
        if (!k.path("x").asBoolean(false)) {
            return Optional.empty();
        }
        Interval interval;
        try {
            interval = Interval.parse(WireJson.text(k, "i"));
        } catch (RuntimeException e) {
            throw new TickRejectedException(RejectReason.MALFORMED, "kline interval " + WireJson.text(k, "i"), frame);
        }
        String symbol = WireJson.text(k, "s");
        if (symbol == null || symbol.isBlank()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, "kline symbol", frame);
        }
        BigDecimal volume = KlineCheck.decimal(WireJson.text(k, "v"), "volume", frame);
        BigDecimal notional = KlineCheck.decimal(WireJson.text(k, "q"), "quote volume", frame);
        return Optional.of(KlineCheck.check(new Kline("binance", symbol, interval,
                KlineCheck.millis(WireJson.text(k, "t"), "open time", frame),
                KlineCheck.decimal(WireJson.text(k, "o"), "open", frame),
                KlineCheck.decimal(WireJson.text(k, "h"), "high", frame),
                KlineCheck.decimal(WireJson.text(k, "l"), "low", frame),
                KlineCheck.decimal(WireJson.text(k, "c"), "close", frame), volume, notional,
                BarBuilder.vwap(notional, volume), KlineCheck.millis(WireJson.text(k, "n"), "trades", frame)), frame));
    }

    private static String text(JsonNode row, int i) {
        return WireJson.text(row.get(i));
    }
}
