package io.caravan.feed.replay;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.caravan.CaravanConfig;
import io.caravan.feed.FrameCodec;
import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Replay lines into trades: CSV rows directly, recorded frames through the codec whose format they are in. With
 * {@code caravan.replay.provider} (binance, finnhub, alltick) every frame goes through that provider's codec, and
 * CSV rows carry that provider's name, so their symbols map to that provider's instruments; unset, each frame's
 * format is recognised from its content and CSV rows come from provider {@code replay}.
 */
@ApplicationScoped
@Named("replayDecoder")
public class ReplayDecoder {

    public static final String PROVIDER = "replay";

    private final List<FrameCodec> codecs;
    /** the codec caravan.replay.provider names, or null to recognise each frame's format */
    private final FrameCodec forced;
    private final String csvProvider;
    private long sequence;

    /** Recognises each frame's format. */
    public ReplayDecoder(FinnhubCodec finnhub, BinanceCodec binance, AllTickCodec alltick) {
        this(finnhub, binance, alltick, Optional.empty());
    }

    @Inject
    public ReplayDecoder(FinnhubCodec finnhub, BinanceCodec binance, AllTickCodec alltick, CaravanConfig config) {
        this(finnhub, binance, alltick, config.replay().provider());
    }

    /** @param provider binance, finnhub or alltick: every frame is read in that provider's format */
    public ReplayDecoder(FinnhubCodec finnhub, BinanceCodec binance, AllTickCodec alltick, Optional<String> provider) {
        this.codecs = List.of(alltick, binance, finnhub);
        String name = provider.map(String::trim).filter(p -> !p.isEmpty()).orElse(null);
        this.forced = name == null ? null : switch (name) {
            case BinanceCodec.PROVIDER -> binance;
            case FinnhubCodec.PROVIDER -> finnhub;
            case AllTickCodec.PROVIDER -> alltick;
            default -> throw new IllegalArgumentException("caravan.replay.provider: unknown provider '" + name
                    + "' (known: binance, finnhub, alltick; unset to recognise each frame's format)");
        };
        this.csvProvider = name == null ? PROVIDER : name;
    }

    public ReplayLine decode(String line, ReplayFormat format) {
        if (ReplayRefusal.is(line)) {
            throw ReplayRefusal.refusal(line); // refused by the reader: too long, or a row of another format
        }
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
        RawTrade trade = new RawTrade(csvProvider, cells[format.symbol()].trim(), cells[format.timestamp()].trim(),
                cells[format.price()].trim(), cells[format.size()].trim(), tradeId, dedupe, ++sequence, line);
        return new ReplayLine(List.of(trade), paceTime(trade.ts()));
    }

    /** Best effort: an unreadable timestamp is the validator's to refuse, the pacer just does not wait for it. */
    static long paceTime(String ts) {
        if (ts.length() > 64) {
            return Long.MIN_VALUE; // no timestamp: the validator refuses it without parsing it
        }
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
        if (forced != null) {
            return new ReplayLine(forced.decode(frame), receivedNs / 1_000_000);
        }
        for (FrameCodec codec : codecs) {
            if (codec.recognises(frame)) {
                return new ReplayLine(codec.decode(frame), receivedNs / 1_000_000);
            }
        }
        throw new TickRejectedException(RejectReason.MALFORMED, "frame in no known wire format", line);
    }
}
