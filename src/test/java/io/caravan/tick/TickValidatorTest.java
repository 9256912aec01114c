package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TickValidatorTest {

    private static final String TS = "1723161255342";
    private static final String RAW = "{\"raw\":\"frame text\"}";

    private final TickValidator validator = new TickValidator();

    private static RawTrade trade(String symbol, String ts, String price, String size) {
        return new RawTrade("binance", symbol, ts, price, size, null, null, 7, RAW);
    }

    private static RawTrade good() {
        return trade("BTCUSDT", TS, "61837.63000000", "0.02000000");
    }

    private static RawTrade symbol(String s) {
        RawTrade g = good();
        return new RawTrade(g.provider(), s, g.ts(), g.price(), g.size(), g.tradeId(), g.dedupeKey(), g.seq(), g.raw());
    }

    private static RawTrade ts(String ts) {
        RawTrade g = good();
        return new RawTrade(g.provider(), g.symbol(), ts, g.price(), g.size(), g.tradeId(), g.dedupeKey(), g.seq(), g.raw());
    }

    private static RawTrade price(String p) {
        RawTrade g = good();
        return new RawTrade(g.provider(), g.symbol(), g.ts(), p, g.size(), g.tradeId(), g.dedupeKey(), g.seq(), g.raw());
    }

    private static RawTrade size(String s) {
        RawTrade g = good();
        return new RawTrade(g.provider(), g.symbol(), g.ts(), g.price(), s, g.tradeId(), g.dedupeKey(), g.seq(), g.raw());
    }

    private static RawTrade tradeId(String id) {
        RawTrade g = good();
        return new RawTrade(g.provider(), g.symbol(), g.ts(), g.price(), g.size(), id, g.dedupeKey(), g.seq(), g.raw());
    }

    private static RawTrade keyed(String provider, String symbol, String dedupeKey) {
        return new RawTrade(provider, symbol, TS, "1.5", "2", null, dedupeKey, 1, "raw " + dedupeKey);
    }

    private void assertRejected(RejectReason reason, RawTrade trade) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(trade));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(trade.raw(), e.raw());
        assertTrue(e.getMessage().startsWith(reason.label()), e.getMessage());
    }

    @Test
    void acceptsAGoodTradeKeepingExactDecimals() {
        Tick t = validator.validate(good());
        assertEquals("binance", t.provider());
        assertEquals("BTCUSDT", t.symbol());
        assertEquals(1_723_161_255_342L, t.ts());
        assertEquals("61837.63000000", t.price().toPlainString());
        assertEquals(8, t.price().scale());
        assertEquals(new BigDecimal("0.02000000"), t.size());
        assertNull(t.tradeId());
        assertEquals(7, t.seq());
        assertEquals(7, t.tieBreaker());
    }

    @Test
    void parsesTradeId() {
        Tick t = validator.validate(tradeId(" 3735683259 "));
        assertEquals(3_735_683_259L, t.tradeId());
        assertEquals(3_735_683_259L, t.tieBreaker());
        assertNull(validator.validate(tradeId(" ")).tradeId());
    }

    @Test
    void acceptsZeroSize() {
        assertEquals(0, validator.validate(size("0")).size().signum());
        assertEquals(new BigDecimal("0.000"), validator.validate(size("0.000")).size());
    }

    @Test
    void acceptsIsoTimestampsWithOffsets() {
        assertEquals(Instant.parse("2024-08-08T23:55:00.123Z").toEpochMilli(),
                validator.validate(ts("2024-08-08T23:55:00.123Z")).ts());
        assertEquals(1_723_161_300_123L, validator.validate(ts("2024-08-08T23:55:00.123Z")).ts());
        // +08:00 is eight hours ahead of UTC: the same instant as 23:55:00.123Z the day before
        assertEquals(1_723_161_300_123L, validator.validate(ts("2024-08-09T07:55:00.123+08:00")).ts());
        assertEquals(1_723_161_300_000L, validator.validate(ts("2024-08-08T19:55:00-04:00")).ts());
        assertEquals(1_723_161_300_000L, validator.validate(ts("1723161300000")).ts());
        assertEquals(1_723_161_300_000L, validator.validate(ts(" 1723161300000 ")).ts());
    }

    @Test
    void missingFields() {
        for (String blank : new String[] { null, "", "  " }) {
            assertRejected(RejectReason.MISSING_FIELD, symbol(blank));
            assertRejected(RejectReason.MISSING_FIELD, ts(blank));
            assertRejected(RejectReason.MISSING_FIELD, price(blank));
            assertRejected(RejectReason.MISSING_FIELD, size(blank));
        }
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(price(null)));
        assertEquals("missing field: price", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1,5", "12.3.4", "0x10", "NaN", "Infinity", "1e999999999", "1e2147483647",
            "1E+2147483647", "1e-999999999", "1234567890123456789012", "0.0000000000000000000001" })
    void priceNotANumber(String price) {
        assertRejected(RejectReason.NOT_A_NUMBER, price(price));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1,5", "1e999999999", "1e2147483647" })
    void sizeNotANumber(String size) {
        assertRejected(RejectReason.NOT_A_NUMBER, size(size));
    }

    @ParameterizedTest
    @ValueSource(strings = { "x", "12a", "1.5", "99999999999999999999" })
    void tradeIdNotANumber(String id) {
        assertRejected(RejectReason.NOT_A_NUMBER, tradeId(id));
    }

    @Test
    void largeButSensibleNumbersPass() {
        assertEquals(new BigDecimal("123456789012345678"), validator.validate(price("123456789012345678")).price());
        assertEquals(new BigDecimal("0.000000000000000001"), validator.validate(price("0.000000000000000001")).price());
        assertEquals(new BigDecimal("1E+3"), validator.validate(price("1e3")).price());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "0.00000000", "-0.5" })
    void nonPositivePrice(String price) {
        assertRejected(RejectReason.NON_POSITIVE_PRICE, price(price));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "-0.00000001" })
    void negativeSize(String size) {
        assertRejected(RejectReason.NEGATIVE_SIZE, size(size));
    }

    @ParameterizedTest
    @ValueSource(strings = { "yesterday", "0", "00", "-5", "2024-08-08", "2024-08-08T23:55:00", "99999999999999999999",
            "2024-13-01T00:00:00Z" })
    void badTimestamp(String ts) {
        assertRejected(RejectReason.BAD_TIMESTAMP, ts(ts));
    }

    @Test
    void timestampFarInTheFutureIsBad() {
        long twoDays = System.currentTimeMillis() + 2L * 24 * 3600 * 1000;
        assertRejected(RejectReason.BAD_TIMESTAMP, ts(Long.toString(twoDays)));
        assertRejected(RejectReason.BAD_TIMESTAMP, ts(Instant.ofEpochMilli(twoDays).toString()));
        assertRejected(RejectReason.BAD_TIMESTAMP, ts("3000-01-01T00:00:00Z"));
        // an exchange clock a little ahead is fine
        long soon = System.currentTimeMillis() + 60_000;
        assertEquals(soon, validator.validate(ts(Long.toString(soon))).ts());
    }

    @Test
    void badSymbols() {
        assertRejected(RejectReason.BAD_SYMBOL, symbol("X".repeat(65)));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("X".repeat(200)));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC|USDT"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("|"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC USDT"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\tUSDT"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\nUSDT"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\u0000USDT"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\u0007X"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\u007FX"));
        assertRejected(RejectReason.BAD_SYMBOL, symbol("BTC\u2003USDT"));
    }

    @Test
    void goodSymbols() {
        assertEquals("X".repeat(64), validator.validate(symbol("X".repeat(64))).symbol());
        for (String s : new String[] { "BINANCE:BTCUSDT", "700.HK", "BTC/USDT", "OANDA:EUR_USD", "東京:7203" }) {
            assertEquals(s, validator.validate(symbol(s)).symbol());
        }
        assertEquals("AAPL", validator.validate(symbol(" AAPL ")).symbol());
    }

    @Test
    void duplicates() {
        validator.validate(keyed("finnhub", "AAPL", "k1"));
        assertRejected(RejectReason.DUPLICATE, keyed("finnhub", "AAPL", "k1"));
        assertRejected(RejectReason.DUPLICATE, keyed("finnhub", "AAPL", "k1"));
        // same key, another symbol or provider: a different trade
        validator.validate(keyed("finnhub", "MSFT", "k1"));
        validator.validate(keyed("binance", "AAPL", "k1"));
        validator.validate(keyed("finnhub", "AAPL", "k2"));
        // no key: never a duplicate
        validator.validate(keyed("finnhub", "AAPL", null));
        validator.validate(keyed("finnhub", "AAPL", null));
    }

    @Test
    void aRejectedTradeIsNotRememberedAsSeen() {
        RawTrade bad = new RawTrade("binance", "BTCUSDT", TS, "abc", "1", "5", "trade:5", 1, "bad");
        assertRejected(RejectReason.NOT_A_NUMBER, bad);
        Tick t = validator.validate(new RawTrade("binance", "BTCUSDT", TS, "1", "1", "5", "trade:5", 2, "good"));
        assertEquals(5L, t.tradeId());
    }

    @Test
    void duplicatesAreTrackedPerValidator() {
        validator.validate(keyed("finnhub", "AAPL", "k1"));
        new TickValidator().validate(keyed("finnhub", "AAPL", "k1"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rawTextIsCarriedEvenWhenEmpty(String raw) {
        RawTrade t = new RawTrade("x", "AAPL", TS, "abc", "1", null, null, 1, raw);
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(t));
        assertEquals(raw, e.raw());
    }
}
