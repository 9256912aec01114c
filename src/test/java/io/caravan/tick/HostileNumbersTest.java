package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers and timestamps built to cost: each is refused with its reason, at once, and the refusal's message carries a
 * bounded excerpt, never the whole text. A regression fails on the timeout instead of hanging the build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileNumbersTest {

    static final String MILLION_DIGITS = "1" + "0".repeat(999_999);

    private final TickValidator validator = new TickValidator();

    private static RawTrade trade(String ts, String price, String size) {
        return new RawTrade("replay", "AAPL", ts, price, size, null, null, 1, "raw");
    }

    private void assertRefused(RejectReason reason, RawTrade trade) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(trade));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().length() <= 1_000, "message of " + e.getMessage().length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e10000000", "1e2147483647", "1e-2147483647", "1e777777777000", "1E+2147483648",
            "9.99e999999999", "0.1e-999999999" })
    void hugeExponentsAreNoNumbers(String number) {
        assertRefused(RejectReason.NOT_A_NUMBER, trade("1723161255342", number, "1"));
        assertRefused(RejectReason.NOT_A_NUMBER, trade("1723161255342", "1.5", number));
    }

    @Test
    void aMillionDigitsAreNoNumber() {
        assertRefused(RejectReason.NOT_A_NUMBER, trade("1723161255342", MILLION_DIGITS, "1"));
        assertRefused(RejectReason.NOT_A_NUMBER, trade("1723161255342", "1.5", "0." + MILLION_DIGITS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59+18:00", "1.777E+777777003", "1e10000000" })
    void timestampsBeyondTheEpochRangeAreBadTimestamps(String ts) {
        assertRefused(RejectReason.BAD_TIMESTAMP, trade(ts, "1.5", "1"));
    }

    @Test
    void aMillionCharacterTimestampIsABadTimestamp() {
        assertRefused(RejectReason.BAD_TIMESTAMP, trade(MILLION_DIGITS, "1.5", "1"));
        assertRefused(RejectReason.BAD_TIMESTAMP, trade("2024-01-02T10:00:00" + "0".repeat(999_999) + "Z", "1.5", "1"));
    }

    @Test
    void aMillionDigitTradeIdIsNoNumber() {
        RawTrade trade = new RawTrade("replay", "AAPL", "1723161255342", "1.5", "1", MILLION_DIGITS, null, 1, "raw");
        assertRefused(RejectReason.NOT_A_NUMBER, trade);
    }

    @Test
    void ordinaryNumbersStillPass() {
        Tick tick = validator.validate(trade("1723161255342", "999999999999999999.999999999999999999", "0.000000000000000001"));
        assertEquals("999999999999999999.999999999999999999", tick.price().toPlainString());
        assertEquals(0, tick.size().compareTo(new java.math.BigDecimal("1e-18")));
        assertEquals(1_500, validator.validate(trade("1723161255342", "1.5e3", "1")).price().intValueExact());
    }
}
