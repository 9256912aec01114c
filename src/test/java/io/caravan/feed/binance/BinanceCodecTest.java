package io.caravan.feed.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

class BinanceCodecTest {

    /** Real data shared by the workplace, never copied into the repository (see its README). */
    static final Path DATA = Path.of("..", "shared", "data");

    static final String DOC_TRADE = "{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,\"p\":\"0.001\",\"q\":\"100\",\"T\":1672515782136,\"m\":true,\"M\":true}";
    static final String DOC_AGG_TRADE = "{\"e\":\"aggTrade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"a\":12345,\"p\":\"0.001\",\"q\":\"100\",\"f\":100,\"l\":105,\"T\":1672515782136,\"m\":true,\"M\":true}";
    static final String DOC_KLINE = "{\"e\":\"kline\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"k\":{\"t\":1672515780000,\"T\":1672515839999,\"s\":\"BNBBTC\",\"i\":\"1m\",\"f\":100,\"L\":200,\"o\":\"0.0010\",\"c\":\"0.0020\",\"h\":\"0.0025\",\"l\":\"0.0015\",\"v\":\"1000\",\"n\":100,\"x\":false,\"q\":\"1.0000\",\"V\":\"500\",\"Q\":\"0.500\",\"B\":\"123456\"}}";
    static final String COMBINED_TRADE = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342,\"m\":true,\"M\":true}}";

    private final BinanceCodec codec = new BinanceCodec();

    @Test
    void rawTradeFrame() {
        List<RawTrade> trades = codec.decode(DOC_TRADE);
        assertEquals(1, trades.size());
        RawTrade t = trades.get(0);
        assertEquals("binance", t.provider());
        assertEquals("BNBBTC", t.symbol());
        assertEquals("1672515782136", t.ts());
        assertEquals("0.001", t.price());
        assertEquals("100", t.size());
        assertEquals("12345", t.tradeId());
        assertEquals("trade:12345", t.dedupeKey());
        assertEquals(DOC_TRADE, t.raw());
    }

    @Test
    void combinedStreamTradeKeepsPriceTextAndUsesTradeTime() {
        RawTrade t = codec.decode(COMBINED_TRADE).get(0);
        assertEquals("BTCUSDT", t.symbol());
        assertEquals("61837.63000000", t.price());
        assertEquals("0.02000000", t.size());
        assertEquals("1723161255342", t.ts(), "event time is the trade time T, not the message time E");
        assertEquals("3735683259", t.tradeId());
        assertEquals(COMBINED_TRADE, t.raw());

        Tick tick = new TickValidator().validate(t);
        assertEquals("61837.63000000", tick.price().toPlainString());
        assertEquals(new BigDecimal("0.02000000"), tick.size());
        assertEquals(3_735_683_259L, tick.tradeId());
        assertEquals(1_723_161_255_342L, tick.ts());
    }

    @Test
    void aggTradeUsesTheAggregateIdA() {
        RawTrade t = codec.decode(DOC_AGG_TRADE).get(0);
        assertEquals("12345", t.tradeId());
        assertEquals("aggTrade:12345", t.dedupeKey());
        String otherIds = DOC_AGG_TRADE.replace("\"a\":12345", "\"a\":777");
        assertEquals("777", codec.decode(otherIds).get(0).tradeId(), "not f or l");
    }

    @Test
    void tradeAndAggTradeWithTheSameIdAreNotDuplicatesButRepeatsAre() {
        TickValidator validator = new TickValidator();
        validator.validate(codec.decode(DOC_TRADE).get(0));
        validator.validate(codec.decode(DOC_AGG_TRADE).get(0));
        RawTrade repeat = codec.decode(DOC_TRADE).get(0);
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(repeat));
        assertEquals(RejectReason.DUPLICATE, e.reason());
        assertEquals(DOC_TRADE, e.raw());
    }

    @ParameterizedTest
    @ValueSource(strings = { DOC_KLINE,
            "{\"stream\":\"nknusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1633998512068,\"s\":\"NKNUSDT\",\"U\":499869750,\"u\":499869752,\"b\":[[\"0.35130000\",\"6195.00000000\"]],\"a\":[]}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\",\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}}",
            "{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\",\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}",
            "{\"result\":null,\"id\":1}", "{\"e\":\"serverShutdown\",\"E\":1672515782136}",
            "{\"lastUpdateId\":50093239218,\"bids\":[[\"61837.63000000\",\"3.78826000\"]],\"asks\":[]}" })
    void framesWithoutTradesAreEmpty(String frame) {
        assertEquals(List.of(), codec.decode(frame));
    }

    @Test
    void errorReplyIsAProviderError() {
        String frame = "{\"code\":2,\"msg\":\"Invalid request\"}";
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(frame));
        assertEquals(RejectReason.PROVIDER_ERROR, e.reason());
        assertEquals(frame, e.raw());
        assertTrue(e.getMessage().contains("Invalid request"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{\"e\":\"trade\"", "", "17" })
    void unreadableFramesAreMalformed(String frame) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(frame));
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertEquals(frame, e.raw());
    }

    @Test
    void sequenceIncreasesInFrameOrder() {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 10; i++) {
            codec.decode(DOC_KLINE);
            long seq = codec.decode(i % 2 == 0 ? DOC_TRADE : COMBINED_TRADE).get(0).seq();
            assertTrue(seq > previous);
            previous = seq;
        }
    }

    @Test
    void recognisesBinanceFrames() {
        assertTrue(codec.recognises(DOC_TRADE));
        assertTrue(codec.recognises(COMBINED_TRADE));
        assertFalse(codec.recognises("{\"type\":\"ping\"}"));
    }

    @Test
    void cryptofeedCaptureOfACombinedStream() throws IOException {
        Path file = DATA.resolve("captures/BINANCE.ws.1.0");
        assumeTrue(Files.isRegularFile(file), "no shared data at " + DATA.toAbsolutePath());
        int frames = 0;
        int aggTrades = 0;
        int decoded = 0;
        TickValidator validator = new TickValidator();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int at = line.indexOf(": {");
            if (at < 0 || !line.substring(0, at).matches("[0-9.]+")) {
                continue; // connect / sent lines
            }
            String frame = line.substring(at + 2);
            frames++;
            if (frame.contains("@aggTrade\"")) {
                aggTrades++;
            }
            List<RawTrade> trades = codec.decode(frame);
            for (RawTrade t : trades) {
                decoded++;
                assertTrue(frame.contains("\"a\":" + t.tradeId() + ","), frame);
                assertTrue(frame.contains("\"p\":\"" + t.price() + "\""), frame);
                Tick tick = validator.validate(t);
                assertTrue(tick.price().scale() == 8, tick.toString());
            }
        }
        assertTrue(frames > 200, "frames read: " + frames);
        assertTrue(aggTrades > 0);
        assertEquals(aggTrades, decoded);
    }

    @Test
    void lrcbtcAggTradeFromTheCapture() throws IOException {
        Path file = DATA.resolve("captures/BINANCE.ws.1.0");
        assumeTrue(Files.isRegularFile(file), "no shared data at " + DATA.toAbsolutePath());
        String line = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("lrcbtc@aggTrade\",\"data")).findFirst().orElseThrow();
        RawTrade t = codec.decode(line.substring(line.indexOf(": {") + 2)).get(0);
        assertEquals("LRCBTC", t.symbol());
        assertEquals("9213679", t.tradeId());
        assertEquals("0.00000638", t.price());
        assertEquals("177.00000000", t.size());
        assertEquals("1633998534486", t.ts());
    }

    @ParameterizedTest
    @ValueSource(strings = { "spot_btcusdt_20240808.gz", "spot_ethusdt_20240808.gz" })
    void wholeRecordedDayDecodesOneTradePerTradeFrame(String name) throws IOException {
        Path file = DATA.resolve("binance").resolve(name);
        assumeTrue(Files.isRegularFile(file), "no shared data at " + DATA.toAbsolutePath());
        long tradeLines = 0;
        long decoded = 0;
        long previousId = -1;
        TickValidator validator = new TickValidator();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.contains("@trade")) {
                    tradeLines++;
                }
                String frame = line.substring(line.indexOf(' ') + 1);
                for (RawTrade t : codec.decode(frame)) {
                    decoded++;
                    Tick tick = validator.validate(t); // no duplicates, nothing malformed in a clean recording
                    assertTrue(frame.contains("\"p\":\"" + tick.price().toPlainString() + "\""), frame);
                    if (previousId >= 0) {
                        assertEquals(previousId + 1, tick.tradeId(), "trade ids are gap-free in this recording");
                    }
                    previousId = tick.tradeId();
                }
            }
        }
        assertTrue(tradeLines > 0);
        assertEquals(tradeLines, decoded);
    }
}
