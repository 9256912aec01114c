package io.caravan.feed.alltick;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 * AllTick's {@code kline} answer: {@code data.kline_list} of {@code timestamp} (UNIX seconds), {@code open_price},
 * {@code high_price}, {@code low_price}, {@code close_price}, {@code volume}, {@code turnover}, all strings. The
 * turnover is the notional; AllTick reports no trade count. A {@code ret} other than 200 is the provider's error.
 */
@ApplicationScoped
@Named("alltickKlineCodec")
public class AllTickKlineCodec implements KlineCodec {

    @Override
    public List<Kline> decode(String symbol, Interval interval, String body) {
        JsonNode root = WireJson.parse(body);
        JsonNode ret = root.get("ret");
        if (ret == null || ret.asInt(-1) != 200) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR,
                    AllTickErrors.describe(ret == null ? -1 : ret.asInt(-1), WireJson.text(root, "msg")), body);
        }
        JsonNode list = root.path("data").get("kline_list");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "kline_list is not an array", body);
        }
        List<Kline> klines = new ArrayList<>(list.size());
        for (JsonNode k : list) {
            long openTime = KlineCheck.secondsToMillis(WireJson.text(k, "timestamp"), "timestamp", body);
            BigDecimal volume = KlineCheck.decimal(WireJson.text(k, "volume"), "volume", body);
            String turnover = WireJson.text(k, "turnover");
            BigDecimal notional = turnover == null ? null : KlineCheck.decimal(turnover, "turnover", body);
            klines.add(KlineCheck.check(new Kline("alltick", symbol, interval, openTime,
                    KlineCheck.decimal(WireJson.text(k, "open_price"), "open_price", body),
                    KlineCheck.decimal(WireJson.text(k, "high_price"), "high_price", body),
                    KlineCheck.decimal(WireJson.text(k, "low_price"), "low_price", body),
                    KlineCheck.decimal(WireJson.text(k, "close_price"), "close_price", body),
                    volume, notional, notional == null ? null : BarBuilder.vwap(notional, volume), null), body));
        }
        klines.sort(Comparator.comparingLong(Kline::openTime)); // oldest first, whatever the order sent
        return klines;
    }
}
