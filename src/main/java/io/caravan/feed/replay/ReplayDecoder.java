package io.caravan.feed.replay;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.feed.FrameCodec;
import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/** Replay lines into trades: CSV rows directly, recorded frames through the codec whose format they are in. */
@ApplicationScoped
@Named("replayDecoder")
public class ReplayDecoder {

    public static final String PROVIDER = "replay";

    private final List<FrameCodec> codecs;
    private long sequence;

    public ReplayDecoder(FinnhubCodec finnhub, BinanceCodec binance, AllTickCodec alltick) {
        this.codecs = List.of(alltick, binance, finnhub);
    }

    public ReplayLine decode(String line, ReplayFormat format) {
        return format.isCsv() ? csvRow(line, format) : recordedFrame(line);
    }

    private ReplayLine csvRow(String line, ReplayFormat format) {
        String[] cells = line.split(",", -1);
        int needed = Math.max(Math.max(format.symbol(), format.price()), Math.max(format.size(), format.tradeId())) + 1;
        if (cells.length < needed) {
            throw new TickRejectedException(RejectReason.MALFORMED, "expected " + needed + " columns, got " + cells.length, line);
        }
        String tradeId = format.tradeId() >= 0 ? cells[format.tradeId()].trim() : null;
        String dedupe = tradeId == null || tradeId.isEmpty() ? null : "id:" + tradeId;
        RawTrade trade = new RawTrade(PROVIDER, cells[format.symbol()].trim(), cells[format.timestamp()].trim(),
                cells[format.price()].trim(), cells[format.size()].trim(), tradeId, dedupe, ++sequence, line);
        return new ReplayLine(List.of(trade), paceTime(trade.ts()));
    }

    /** Best effort: an unreadable timestamp is the validator's to refuse, the pacer just does not wait for it. */
    static long paceTime(String ts) {
        try {
            return ts.chars().allMatch(Character::isDigit) ? Long.parseLong(ts) : OffsetDateTime.parse(ts).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private ReplayLine recordedFrame(String line) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            throw new TickRejectedException(RejectReason.MALFORMED, "expected '<epoch-ns> <frame>'", line);
        }
        long receivedNs;
        try {
            receivedNs = Long.parseLong(line.substring(0, space));
        } catch (NumberFormatException e) {
            throw new TickRejectedException(RejectReason.MALFORMED, "receive time is not epoch ns", line);
        }
        String frame = line.substring(space + 1);
        for (FrameCodec codec : codecs) {
            if (codec.recognises(frame)) {
                return new ReplayLine(codec.decode(frame), receivedNs / 1_000_000);
            }
        }
        throw new TickRejectedException(RejectReason.MALFORMED, "frame in no known wire format", line);
    }
}
