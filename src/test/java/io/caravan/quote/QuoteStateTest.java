package io.caravan.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

class QuoteStateTest {

    private static final long DAY1 = Instant.parse("2024-03-04T15:00:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2024-03-05T14:30:00Z").toEpochMilli();
    private long seq;

    private Tick tick(long ts, String price, String size) {
        return new Tick("sim", "AAPL", ts, new BigDecimal(price), new BigDecimal(size), null, seq++);
    }

    @Test
    void firstTradeSetsLastAndDayVolumeWithoutPreviousClose() {
        QuoteState state = new QuoteState("AAPL");
        Quote q = state.apply(tick(DAY1, "100.50", "10"));
        assertEquals(new BigDecimal("100.50"), q.price());
        assertEquals(new BigDecimal("10"), q.dayVolume());
        assertEquals(DAY1, q.time());
        assertNull(q.previousClose());
        assertNull(q.change());
        assertNull(q.changePercent());
    }

    @Test
    void sameDayTradesAddVolumeAndMoveTheLastPrice() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1, "100", "10"));
        Quote q = state.apply(tick(DAY1 + 1000, "101.25", "5.5"));
        assertEquals(new BigDecimal("101.25"), q.price());
        assertEquals(new BigDecimal("5.5"), q.size());
        assertEquals(new BigDecimal("15.5"), q.dayVolume());
        assertEquals(2, q.version());
    }

    @Test
    void anOlderTradeOfTheSameDayAddsVolumeButKeepsTheLastPrice() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1 + 5000, "101", "10"));
        Quote q = state.apply(tick(DAY1, "99", "3"));
        assertEquals(new BigDecimal("101"), q.price());
        assertEquals(DAY1 + 5000, q.time());
        assertEquals(new BigDecimal("13"), q.dayVolume());
    }

    @Test
    void aNewDayMakesTheLastPriceThePreviousCloseAndRestartsVolume() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1, "100", "10"));
        state.apply(tick(DAY1 + 60_000, "200", "10"));
        Quote q = state.apply(tick(DAY2, "210", "4"));
        assertEquals(new BigDecimal("200"), q.previousClose());
        assertEquals(new BigDecimal("4"), q.dayVolume());
        assertEquals(0, new BigDecimal("10").compareTo(q.change()));
        assertEquals(new BigDecimal("5.0000"), q.changePercent());
    }

    @Test
    void aTradeOfAnEarlierDayChangesNothing() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1, "100", "10"));
        Quote before = state.apply(tick(DAY2, "110", "1"));
        assertNull(state.apply(tick(DAY1 + 1, "50", "1000")));
        assertEquals(before, state.current());
    }

    @Test
    void changePercentIsRoundedToFourDecimalsAndNegativeOnADrop() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1, "3", "1"));
        Quote q = state.apply(tick(DAY2, "2", "1"));
        assertEquals(new BigDecimal("-33.3333"), q.changePercent());
        assertEquals(new BigDecimal("-1"), q.change());
    }

    @Test
    void aProviderPreviousCloseReplacesTheUnknownOne() {
        QuoteState state = new QuoteState("AAPL");
        assertNull(state.previousClose(new BigDecimal("90")), "no quote before the first trade");
        state.apply(tick(DAY1, "99", "1"));
        Quote q = state.previousClose(new BigDecimal("90"));
        assertEquals(new BigDecimal("90"), q.previousClose());
        assertEquals(new BigDecimal("10.0000"), q.changePercent());
    }

    @Test
    void aZeroPreviousCloseGivesNoPercent() {
        QuoteState state = new QuoteState("AAPL");
        state.apply(tick(DAY1, "1", "1"));
        Quote q = state.previousClose(BigDecimal.ZERO);
        assertNull(q.changePercent());
    }
}
