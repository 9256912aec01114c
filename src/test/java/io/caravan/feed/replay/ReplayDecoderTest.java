package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

class ReplayDecoderTest {

    static final String FINNHUB_FRAME = "{\"data\":[{\"c\":[\"1\",\"12\"],\"p\":164.0601,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":5},"
            + "{\"c\":[\"1\",\"8\"],\"p\":164.06,\"s\":\"AAPL\",\"t\":1680286538064,\"v\":142}],\"type\":\"trade\"}";
    static final String BINANCE_FRAME = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342,\"m\":true,\"M\":true}}";

    private final ReplayDecoder decoder = new ReplayDecoder(new FinnhubCodec(), new BinanceCodec(), new AllTickCodec());

    private static final ReplayFormat PLAIN = ReplayFormat.detect("timestamp,symbol,price,size");
    private static final ReplayFormat WITH_ID = ReplayFormat.detect("timestamp,symbol,price,size,trade_id");

    private void assertMalformed(String line, ReplayFormat format) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> decoder.decode(line, format));
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertEquals(line, e.raw());
    }

    @Test
    void headerDetection() {
        assertEquals(new ReplayFormat(0, 1, 2, 3, -1), PLAIN);
        assertEquals(new ReplayFormat(0, 1, 2, 3, 4), WITH_ID);
        assertEquals(new ReplayFormat(0, 3, 1, 2, 4), ReplayFormat.detect("timestamp,price,size,symbol,trade_id"));
        assertEquals(new ReplayFormat(0, 1, 2, 3, -1), ReplayFormat.detect("Timestamp, Symbol ,PRICE,size"));
        assertTrue(PLAIN.isCsv());
        assertEquals(ReplayFormat.FRAMES, ReplayFormat.detect("1723161253937085768 {\"stream\":\"x\"}"));
        assertEquals(ReplayFormat.FRAMES, ReplayFormat.detect(null));
        assertEquals(false, ReplayFormat.FRAMES.isCsv());
        assertThrows(IllegalArgumentException.class, () -> ReplayFormat.detect("timestamp,symbol,price"));
        assertThrows(IllegalArgumentException.class, () -> ReplayFormat.detect("timestamp,symbol,price,volume"));
    }

    @Test
    void csvRowWithoutTradeId() {
        String line = "1723161300000,BTCUSDT,61837.63000000,0.02000000";
        ReplayLine decoded = decoder.decode(line, PLAIN);
        assertEquals(1_723_161_300_000L, decoded.paceTime());
        RawTrade t = decoded.trades().get(0);
        assertEquals(new RawTrade("replay", "BTCUSDT", "1723161300000", "61837.63000000", "0.02000000", null, null,
                t.seq(), line), t);
        Tick tick = new TickValidator().validate(t);
        assertEquals("61837.63000000", tick.price().toPlainString());
        assertNull(tick.tradeId());
    }

    @Test
    void csvRowWithTradeId() {
        String line = "2024-08-08T23:55:00.123Z, AAPL ,164.0601,5,42";
        ReplayLine decoded = decoder.decode(line, WITH_ID);
        assertEquals(1_723_161_300_123L, decoded.paceTime());
        RawTrade t = decoded.trades().get(0);
        assertEquals("AAPL", t.symbol());
        assertEquals("2024-08-08T23:55:00.123Z", t.ts());
        assertEquals("42", t.tradeId());
        assertEquals("id:42", t.dedupeKey());
        assertEquals(42L, new TickValidator().validate(t).tradeId());
    }

    @Test
    void emptyTradeIdCellMeansNoDedupe() {
        RawTrade t = decoder.decode("1723161300000,AAPL,1,1,", WITH_ID).trades().get(0);
        assertNull(t.dedupeKey());
        TickValidator validator = new TickValidator();
        validator.validate(t);
        validator.validate(t);
    }

    @Test
    void columnOrderComesFromTheHeader() {
        ReplayFormat format = ReplayFormat.detect("timestamp,price,size,symbol,trade_id");
        RawTrade t = decoder.decode("1723161300000,164.0601,5,AAPL,7", format).trades().get(0);
        assertEquals("AAPL", t.symbol());
        assertEquals("164.0601", t.price());
        assertEquals("5", t.size());
        assertEquals("7", t.tradeId());
    }

    @Test
    void isoOffsetPaceTimeAndUnreadableTimestamp() {
        assertEquals(1_723_161_300_123L,
                decoder.decode("2024-08-09T07:55:00.123+08:00,AAPL,1,1", PLAIN).paceTime());
        ReplayLine bad = decoder.decode("yesterday,AAPL,1,1", PLAIN);
        assertEquals(Long.MIN_VALUE, bad.paceTime());
        assertEquals("yesterday", bad.trades().get(0).ts(), "left for the validator to refuse");
        assertEquals(Long.MIN_VALUE, decoder.decode(",AAPL,1,1", PLAIN).paceTime());
    }

    @Test
    void tooFewColumnsIsMalformed() {
        assertMalformed("1723161300000,AAPL,1", PLAIN);
        assertMalformed("1723161300000,AAPL,1,1", WITH_ID);
        assertMalformed("", PLAIN);
    }

    @Test
    void csvSequenceFollowsFileOrder() {
        long a = decoder.decode("1723161300000,AAPL,1,1", PLAIN).trades().get(0).seq();
        long b = decoder.decode("1723161300000,AAPL,1,1", PLAIN).trades().get(0).seq();
        long c = decoder.decode("1723161200000,AAPL,1,1", PLAIN).trades().get(0).seq();
        assertTrue(a < b && b < c);
    }

    @Test
    void recordedFinnhubFrame() {
        ReplayLine decoded = decoder.decode("1680286537999123456 " + FINNHUB_FRAME, ReplayFormat.FRAMES);
        assertEquals(1_680_286_537_999L, decoded.paceTime());
        assertEquals(2, decoded.trades().size());
        RawTrade t = decoded.trades().get(0);
        assertEquals("finnhub", t.provider());
        assertEquals("164.0601", t.price());
        assertEquals("5", t.size());
        assertEquals("1680286537580", t.ts(), "event time from the frame, not the receive time");
    }

    @Test
    void recordedBinanceFrame() {
        ReplayLine decoded = decoder.decode("1723161253937085768 " + BINANCE_FRAME, ReplayFormat.FRAMES);
        assertEquals(1_723_161_253_937L, decoded.paceTime());
        RawTrade t = decoded.trades().get(0);
        assertEquals("binance", t.provider());
        assertEquals("61837.63000000", t.price());
        assertEquals("3735683259", t.tradeId());
        assertEquals(new BigDecimal("0.02000000"), new TickValidator().validate(t).size());
    }

    @Test
    void recordedAllTickFrame() {
        String push = "{\"cmd_id\":22998,\"data\":{\"code\":\"700.HK\",\"seq\":42,\"tick_time\":1605509068,"
                + "\"price\":\"651.12\",\"volume\":\"300\"}}";
        ReplayLine decoded = decoder.decode("1605509068123456789 " + push, ReplayFormat.FRAMES);
        RawTrade t = decoded.trades().get(0);
        assertEquals("alltick", t.provider());
        assertEquals("700.HK", t.symbol());
        assertEquals("1605509068000", t.ts());
        assertEquals(List.of(), decoder.decode("1605509069000000000 {\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22001,"
                + "\"seq_id\":1,\"trace\":\"h\",\"data\":{}}", ReplayFormat.FRAMES).trades());
    }

    @Test
    void recordedFramesWithoutTrades() {
        ReplayLine depth = decoder.decode("1723161254036059768 {\"stream\":\"btcusdt@depth@100ms\",\"data\":"
                + "{\"e\":\"depthUpdate\",\"E\":1723161255308,\"s\":\"BTCUSDT\",\"b\":[],\"a\":[]}}", ReplayFormat.FRAMES);
        assertEquals(List.of(), depth.trades());
        assertEquals(1_723_161_254_036L, depth.paceTime());
        assertEquals(List.of(), decoder.decode("5000000 {\"type\":\"ping\"}", ReplayFormat.FRAMES).trades());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1723161253937085768 {\"hello\":\"world\"}", "1723161253937085768 not a frame",
            "{\"type\":\"ping\"}", " {\"type\":\"ping\"}", "abc {\"type\":\"ping\"}", "1723161253937085768", "" })
    void unreadableRecordedLinesAreMalformed(String line) {
        assertMalformed(line, ReplayFormat.FRAMES);
    }

    @Test
    void recordedFrameTheCodecCannotReadIsMalformedWithTheFrameAsRaw() {
        TickRejectedException e = assertThrows(TickRejectedException.class,
                () -> decoder.decode("1 {\"type\":\"trade\"}", ReplayFormat.FRAMES));
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertEquals("{\"type\":\"trade\"}", e.raw());
    }

    private static ReplayDecoder forced(String provider) {
        return new ReplayDecoder(new FinnhubCodec(), new BinanceCodec(), new AllTickCodec(), java.util.Optional.of(provider));
    }

    @Test
    void aForcedProviderReadsEveryFrameWithItsCodec() {
        RawTrade t = forced("binance").decode("1723161253937085768 " + BINANCE_FRAME, ReplayFormat.FRAMES).trades().get(0);
        assertEquals("binance", t.provider());
        assertEquals("3735683259", t.tradeId());
        // auto-detection reads this Binance frame; forced to Finnhub it is not Finnhub's format
        TickRejectedException e = assertThrows(TickRejectedException.class,
                () -> forced("finnhub").decode("1 " + BINANCE_FRAME, ReplayFormat.FRAMES));
        assertEquals(RejectReason.MALFORMED, e.reason());
        // and a Finnhub frame forced to AllTick has no cmd_id
        assertThrows(TickRejectedException.class, () -> forced("alltick").decode("1 " + FINNHUB_FRAME, ReplayFormat.FRAMES));
        assertEquals(2, forced("finnhub").decode("1 " + FINNHUB_FRAME, ReplayFormat.FRAMES).trades().size());
    }

    @Test
    void aForcedProviderNamesTheProviderOfCsvRows() {
        assertEquals("binance", forced("binance").decode("1723161300000,BTCUSDT,61837.63,0.02", PLAIN).trades().get(0).provider());
        assertEquals("replay", decoder.decode("1723161300000,BTCUSDT,61837.63,0.02", PLAIN).trades().get(0).provider());
    }

    @Test
    void anUnknownProviderIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forced("kraken"));
        assertTrue(e.getMessage().contains("binance, finnhub, alltick"), e.getMessage());
    }
}
