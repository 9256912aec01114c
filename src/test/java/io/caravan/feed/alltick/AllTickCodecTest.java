package io.caravan.feed.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/** The frames of ../shared/docs/wire-formats.txt (AllTick), including the quirks it notes. */
class AllTickCodecTest {

    /** The documentation's push: tick_time in seconds (10 digits) although the text says ms. */
    static final String DOC_PUSH = "{\"cmd_id\":22998,\"data\":{\"code\":\"1288.HK\",\"seq\":1605509068000001,\"tick_time\":1605509068,\"price\":\"651.12\",\"volume\":\"300\",\"turnover\":\"12345.6\",\"trade_direction\":1}}";
    static final String MS_STRING_PUSH = "{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"seq\":\"77\",\"tick_time\":\"1677831545217\",\"price\":\"150.10\",\"volume\":\"0\",\"trade_direction\":0}}";
    static final String HEARTBEAT_ACK = "{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22001,\"seq_id\":123,\"trace\":\"asdfsdfa\",\"data\":{}}";
    static final String SUBSCRIBE_ACK = "{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22005,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{}}";
    static final String DEPTH_PUSH = "{\"cmd_id\":22999,\"data\":{\"code\":\"700.HK\",\"seq\":5,\"tick_time\":1605509068,\"bids\":[{\"price\":\"9.12\",\"volume\":\"9.12\"}],\"asks\":[]}}";
    static final String TOKEN_INVALID = "{\"ret\":401,\"msg\":\"token invalid\",\"cmd_id\":22005,\"seq_id\":1,\"trace\":\"t-1\",\"data\":{}}";

    private final AllTickCodec codec = new AllTickCodec();

    @Test
    void tradePushWithTickTimeInSecondsBecomesMilliseconds() {
        RawTrade t = codec.decode(DOC_PUSH).get(0);
        assertEquals("alltick", t.provider());
        assertEquals("1288.HK", t.symbol());
        assertEquals("1605509068000", t.ts());
        assertEquals("651.12", t.price());
        assertEquals("300", t.size());
        assertEquals("1605509068000001", t.tradeId());
        assertEquals("1288.HK:1605509068000001", t.dedupeKey());
        assertEquals(DOC_PUSH, t.raw());
    }

    @Test
    void tickTimeInMillisecondsAsAStringIsKept() {
        RawTrade t = codec.decode(MS_STRING_PUSH).get(0);
        assertEquals("1677831545217", t.ts());
        assertEquals("77", t.tradeId());
    }

    @Test
    void pushesBecomeValidTicksWithExactDecimals() {
        Tick tick = new TickValidator().validate(codec.decode(DOC_PUSH).get(0));
        assertEquals(new BigDecimal("651.12"), tick.price());
        assertEquals(new BigDecimal("300"), tick.size());
        assertEquals(1_605_509_068_000L, tick.ts());
        assertEquals(1_605_509_068_000_001L, tick.tradeId());
    }

    @Test
    void theSamePushTwiceIsADuplicate() {
        TickValidator validator = new TickValidator();
        validator.validate(codec.decode(DOC_PUSH).get(0));
        TickRejectedException e = assertThrows(TickRejectedException.class,
                () -> validator.validate(codec.decode(DOC_PUSH).get(0)));
        assertEquals(RejectReason.DUPLICATE, e.reason());
    }

    @Test
    void acksAndDepthCarryNoTrades() {
        assertEquals(List.of(), codec.decode(HEARTBEAT_ACK));
        assertEquals(List.of(), codec.decode(SUBSCRIBE_ACK));
        assertEquals(List.of(), codec.decode(DEPTH_PUSH));
    }

    @Test
    void anErrorReplyIsAProviderErrorWithTheCodesMeaning() {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(TOKEN_INVALID));
        assertEquals(RejectReason.PROVIDER_ERROR, e.reason());
        assertEquals("provider error: AllTick error 401 (token invalid): token invalid", e.getMessage());
        assertEquals("AllTick error 606 (too many requests: the connection will be closed)",
                AllTickErrors.describe(606, null));
        assertEquals("AllTick error 999 (unknown error code): x", AllTickErrors.describe(999, "x"));
    }

    /** The documentation's examples end objects with trailing commas; that is not JSON, and is refused as such. */
    @Test
    void aTrailingCommaIsMalformed() {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> codec.decode(
                "{\"cmd_id\":22998,\"data\":{\"code\":\"700.HK\",\"seq\":1,\"tick_time\":1605509068,\"price\":\"1\",\"volume\":\"1\",},}"));
        assertEquals(RejectReason.MALFORMED, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"data\":{}}", "{\"cmd_id\":\"x\"}" })
    void aFrameWithoutCommandIsMalformed(String frame) {
        assertEquals(RejectReason.MALFORMED, assertThrows(TickRejectedException.class, () -> codec.decode(frame)).reason());
    }

    @Test
    void aPushWithoutDataOrWithBadFieldsIsRefusedByName() {
        assertEquals(RejectReason.MISSING_FIELD,
                assertThrows(TickRejectedException.class, () -> codec.decode("{\"cmd_id\":22998}")).reason());
        RawTrade noTime = codec.decode("{\"cmd_id\":22998,\"data\":{\"code\":\"A\",\"seq\":1,\"tick_time\":\"soon\",\"price\":\"1\",\"volume\":\"1\"}}").get(0);
        assertEquals(RejectReason.BAD_TIMESTAMP,
                assertThrows(TickRejectedException.class, () -> new TickValidator().validate(noTime)).reason());
    }

    @Test
    void recognisesAllTickFramesOnly() {
        assertTrue(codec.recognises(DOC_PUSH));
        assertTrue(codec.recognises(HEARTBEAT_ACK));
        assertFalse(codec.recognises("{\"type\":\"ping\"}"));
        assertFalse(codec.recognises("{\"e\":\"trade\",\"s\":\"BTCUSDT\"}"));
    }
}
