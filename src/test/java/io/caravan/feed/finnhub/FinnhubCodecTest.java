package io.caravan.feed.finnhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

class FinnhubCodecTest {

    /** The samples of docs/wire-formats.txt, Finnhub section. */
    static final String DOC_TRADE = "{\"data\":[{\"p\":7296.89,\"s\":\"BINANCE:BTCUSDT\",\"t\":1575526691134,\"v\":0.011467}],\"type\":\"trade\"}";
    static final String CAPTURE_TRADES = "{\"data\":[{\"c\":[\"1\",\"12\"],\"p\":164.0601,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":5},"
            + "{\"c\":[\"1\",\"8\"],\"p\":164.06,\"s\":\"AAPL\",\"t\":1680286538064,\"v\":142}],\"type\":\"trade\"}";
    static final String PING = "{\"type\":\"ping\"}";
    static final String ERROR = "{\"msg\":\"Subscribing to too many symbols\",\"type\":\"error\"}";

    private final FinnhubCodec codec = new FinnhubCodec();

    private TickRejectedException rejected(RejectReason reason, String frame) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(frame));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(frame, e.raw());
        return e;
    }

    @Test
    void multiTradeFrameWithConditions() {
        List<RawTrade> trades = codec.decode(CAPTURE_TRADES);
        assertEquals(2, trades.size());
        RawTrade first = trades.get(0);
        assertEquals("finnhub", first.provider());
        assertEquals("AAPL", first.symbol());
        assertEquals("1680286537580", first.ts());
        assertEquals("164.0601", first.price());
        assertEquals("5", first.size());
        assertNull(first.tradeId(), "Finnhub gives no trade ids");
        assertNotNull(first.dedupeKey());
        assertTrue(first.raw().contains("164.0601"), first.raw());
        RawTrade second = trades.get(1);
        assertEquals("1680286538064", second.ts());
        assertEquals("164.06", second.price());
        assertEquals("142", second.size());
        assertNotEquals(first.dedupeKey(), second.dedupeKey());
        assertTrue(second.seq() > first.seq());
    }

    @Test
    void docTradeFrameKeepsDecimalText() {
        RawTrade t = codec.decode(DOC_TRADE).get(0);
        assertEquals("BINANCE:BTCUSDT", t.symbol());
        assertEquals("7296.89", t.price());
        assertEquals("0.011467", t.size());
        assertEquals("1575526691134", t.ts());
    }

    @Test
    void trailingZerosAndNullConditionsSurvive() {
        RawTrade t = codec.decode("{\"type\":\"trade\",\"data\":[{\"c\":null,\"p\":164.0600,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":0}]}")
                .get(0);
        assertEquals("164.0600", t.price());
        assertEquals("0", t.size());
    }

    @Test
    void validatedTicksHaveExactValues() {
        TickValidator validator = new TickValidator();
        List<Tick> ticks = codec.decode(CAPTURE_TRADES).stream().map(validator::validate).toList();
        assertEquals(new BigDecimal("164.0601"), ticks.get(0).price());
        assertEquals(new BigDecimal("5"), ticks.get(0).size());
        assertEquals(1_680_286_537_580L, ticks.get(0).ts());
        assertEquals(new BigDecimal("164.06"), ticks.get(1).price());
        assertNull(ticks.get(0).tradeId());
    }

    /** FX and crypto send price updates with v=0: trades of size zero, accepted (they move OHLC, not volume). */
    @Test
    void zeroVolumePriceUpdatesAreValidTicksOfSizeZero() {
        String frame = "{\"data\":[{\"p\":1.08523,\"s\":\"OANDA:EUR_USD\",\"t\":1680286537580,\"v\":0},"
                + "{\"p\":1.08525,\"s\":\"OANDA:EUR_USD\",\"t\":1680286537590,\"v\":0.0}],\"type\":\"trade\"}";
        TickValidator validator = new TickValidator();
        List<Tick> ticks = codec.decode(frame).stream().map(validator::validate).toList();
        assertEquals(2, ticks.size());
        assertEquals(0, ticks.get(0).size().signum());
        assertEquals(0, ticks.get(1).size().signum());
        assertEquals(new BigDecimal("1.08525"), ticks.get(1).price());
    }

    /** The documentation's examples elsewhere end objects with a comma; such a frame is not JSON and is refused. */
    @Test
    void aTrailingCommaIsMalformedNotGuessed() {
        rejected(RejectReason.MALFORMED, "{\"data\":[{\"p\":1,\"s\":\"AAPL\",\"t\":1680286537580,\"v\":1,}],\"type\":\"trade\",}");
    }

    @Test
    void pingAndOtherTypesCarryNoTrades() {
        assertEquals(List.of(), codec.decode(PING));
        assertEquals(List.of(), codec.decode("{\"type\":\"news\",\"data\":[]}"));
    }

    @Test
    void emptyDataArrayGivesNoTrades() {
        assertEquals(List.of(), codec.decode("{\"type\":\"trade\",\"data\":[]}"));
    }

    @Test
    void errorFrameIsAProviderError() {
        TickRejectedException e = rejected(RejectReason.PROVIDER_ERROR, ERROR);
        assertTrue(e.getMessage().contains("Subscribing to too many symbols"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{\"type\":\"trade\",", "", "42", "\"trade\"", "{}", "{\"data\":[]}" })
    void unreadableFramesAreMalformed(String frame) {
        rejected(RejectReason.MALFORMED, frame);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"trade\"}", "{\"type\":\"trade\",\"data\":null}",
            "{\"type\":\"trade\",\"data\":{\"p\":1}}", "{\"type\":\"trade\",\"data\":\"x\"}" })
    void tradeFrameWithoutDataArrayIsMalformed(String frame) {
        rejected(RejectReason.MALFORMED, frame);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"trade\",\"data\":[1]}", "{\"type\":\"trade\",\"data\":[\"x\"]}",
            "{\"type\":\"trade\",\"data\":[{\"p\":1,\"s\":\"A\",\"t\":1,\"v\":1},[]]}",
            "{\"type\":\"trade\",\"data\":[null]}" })
    void dataElementNotAnObjectIsMalformedAlone(String frame) {
        // refused by the validator, element by element: the frame's other trades are kept
        List<RawTrade> trades = codec.decode(frame);
        TickValidator validator = new TickValidator();
        RawTrade last = trades.get(trades.size() - 1);
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(last));
        assertEquals(RejectReason.MALFORMED, e.reason(), e.getMessage());
        if (trades.size() == 2) {
            assertEquals("A", validator.validate(trades.get(0)).symbol());
        }
    }

    @Test
    void sequenceIncreasesInFrameOrderAcrossFrames() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codec.decode(PING);
            codec.decode(CAPTURE_TRADES).forEach(t -> seqs.add(t.seq()));
            codec.decode(DOC_TRADE).forEach(t -> seqs.add(t.seq()));
        }
        assertEquals(15, seqs.size());
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), "seq " + seqs);
        }
    }

    @Test
    void sameFrameTwiceGivesTheSameDedupeKeysAndIsCaughtAsDuplicate() {
        List<RawTrade> once = codec.decode(CAPTURE_TRADES);
        List<RawTrade> again = codec.decode(CAPTURE_TRADES);
        assertEquals(once.stream().map(RawTrade::dedupeKey).toList(), again.stream().map(RawTrade::dedupeKey).toList());
        assertNotEquals(once.get(0).seq(), again.get(0).seq());

        TickValidator validator = new TickValidator();
        once.forEach(validator::validate);
        for (RawTrade t : again) {
            TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(t));
            assertEquals(RejectReason.DUPLICATE, e.reason());
        }
    }

    @Test
    void differentFramesGiveDifferentDedupeKeys() {
        String other = CAPTURE_TRADES.replace("164.0601", "164.0602");
        HashSet<String> keys = new HashSet<>();
        codec.decode(CAPTURE_TRADES).forEach(t -> keys.add(t.dedupeKey()));
        codec.decode(other).forEach(t -> keys.add(t.dedupeKey()));
        codec.decode(DOC_TRADE).forEach(t -> keys.add(t.dedupeKey()));
        assertEquals(5, keys.size());
        // the same trade in another frame (e.g. regrouped) is a new trade for Finnhub: no ids to tell otherwise
        TickValidator validator = new TickValidator();
        codec.decode(CAPTURE_TRADES).forEach(validator::validate);
        codec.decode(other).forEach(validator::validate);
    }

    @Test
    void priceAsJsonStringStillDecodes() {
        RawTrade t = codec.decode("{\"type\":\"trade\",\"data\":[{\"p\":\"164.0601\",\"s\":\"AAPL\",\"t\":\"1680286537580\",\"v\":\"5\"}]}")
                .get(0);
        assertEquals("164.0601", t.price());
        Tick tick = new TickValidator().validate(t);
        assertEquals(new BigDecimal("164.0601"), tick.price());
        assertEquals(1_680_286_537_580L, tick.ts());
    }

    @Test
    void missingVolumeGivesNullSizeWhichTheValidatorRefuses() {
        RawTrade t = codec.decode("{\"type\":\"trade\",\"data\":[{\"p\":164.0601,\"s\":\"AAPL\",\"t\":1680286537580}]}").get(0);
        assertNull(t.size());
        assertEquals("164.0601", t.price());
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> new TickValidator().validate(t));
        assertEquals(RejectReason.MISSING_FIELD, e.reason());
        assertEquals(t.raw(), e.raw());
    }

    @Test
    void recognisesFinnhubFrames() {
        assertTrue(codec.recognises(CAPTURE_TRADES));
        assertTrue(codec.recognises(PING));
        assertTrue(codec.recognises(ERROR));
        assertFalse(codec.recognises("{\"e\":\"trade\",\"s\":\"BNBBTC\"}"));
    }
}
