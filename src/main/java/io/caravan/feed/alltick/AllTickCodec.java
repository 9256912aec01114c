package io.caravan.feed.alltick;

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
 * AllTick WebSocket frames ({@code cmd_id/seq_id/trace/data}): trade pushes ({@code cmd_id} 22998) carry one trade
 * each, with prices and volumes as strings and {@code tick_time} in seconds or milliseconds, as a number or a string
 * (the documentation shows all four): a value below 10^11 is taken as seconds. Acks (heartbeat 22001, subscribe 22005,
 * cancel 22007) and depth pushes (22999) carry no trades; a reply whose {@code ret} is not 200 is a provider error
 * with the code's meaning. The push's {@code seq} is the trade id: it orders and dedupes trades of one code.
 */
@ApplicationScoped
@Named("alltickCodec")
public class AllTickCodec implements FrameCodec {

    public static final String PROVIDER = "alltick";
    public static final int TRADE_PUSH = 22998;

    /** 10^11 ms is 1973-03-03; 10^11 s is year 5138: below it a tick_time is seconds. */
    private static final long SECONDS_BELOW = 100_000_000_000L;

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public List<RawTrade> decode(String frame) {
        JsonNode root = WireJson.parse(frame);
        JsonNode ret = root.get("ret");
        if (ret != null && ret.asInt(-1) != 200) {
            throw new TickRejectedException(RejectReason.PROVIDER_ERROR,
                    AllTickErrors.describe(ret.asInt(-1), WireJson.text(root, "msg")), frame);
        }
        JsonNode cmd = root.get("cmd_id");
        if (cmd == null || !cmd.canConvertToInt()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "no cmd_id", frame);
        }
        if (cmd.asInt() != TRADE_PUSH) {
            return List.of();
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new TickRejectedException(RejectReason.MISSING_FIELD, "trade push without data", frame);
        }
        String code = WireJson.text(data, "code");
        String seq = WireJson.text(data, "seq");
        return List.of(new RawTrade(PROVIDER, code, millis(WireJson.text(data, "tick_time")),
                WireJson.text(data, "price"), WireJson.text(data, "volume"), seq,
                seq == null ? null : code + ':' + seq, sequence.incrementAndGet(), frame));
    }

    /** Seconds become milliseconds; anything that is not a whole number is passed on for the validator to refuse. */
    static String millis(String tickTime) {
        if (tickTime == null) {
            return null;
        }
        try {
            long value = Long.parseLong(tickTime.trim());
            return value > 0 && value < SECONDS_BELOW ? String.valueOf(value * 1000) : String.valueOf(value);
        } catch (NumberFormatException e) {
            return tickTime;
        }
    }

    @Override
    public boolean recognises(String frame) {
        return frame.contains("\"cmd_id\"");
    }
}
