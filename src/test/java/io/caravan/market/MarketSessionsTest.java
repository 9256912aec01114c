package io.caravan.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Regular sessions per market, in UTC instants, across DST changes, lunch breaks and weekends. */
class MarketSessionsTest {

    private static boolean open(Market market, String utc) {
        return market.isOpen(Instant.parse(utc));
    }

    @Test
    void newYorkOpensAt0930LocalOnBothSidesOfTheSpringDstChange() {
        // Friday 2026-03-06 is EST (UTC-5): 09:30 local is 14:30Z
        assertFalse(open(Market.US, "2026-03-06T14:29:59Z"));
        assertTrue(open(Market.US, "2026-03-06T14:30:00Z"));
        assertTrue(open(Market.US, "2026-03-06T20:59:59Z"));
        assertFalse(open(Market.US, "2026-03-06T21:00:00Z"));
        // Monday 2026-03-09, after the change on Sunday 03-08, is EDT (UTC-4): 09:30 local is 13:30Z
        assertTrue(open(Market.US, "2026-03-09T13:30:00Z"));
        assertFalse(open(Market.US, "2026-03-09T20:00:00Z"));
        assertEquals(List.of(new Market.Session(Instant.parse("2026-03-09T13:30:00Z"), Instant.parse("2026-03-09T20:00:00Z"))),
                Market.US.sessions(LocalDate.of(2026, 3, 9)));
    }

    @Test
    void newYorkAfterTheAutumnDstChange() {
        // Monday 2026-11-02, after the change on Sunday 11-01, is EST again
        assertFalse(open(Market.US, "2026-11-02T14:00:00Z"));
        assertTrue(open(Market.US, "2026-11-02T14:30:00Z"));
        assertTrue(open(Market.US, "2026-10-30T13:30:00Z"), "the Friday before, still EDT");
    }

    @Test
    void hongKongHasALunchBreak() {
        // Monday 2026-11-23, Hong Kong is UTC+8 all year
        assertFalse(open(Market.HK, "2026-11-23T01:29:59Z"));
        assertTrue(open(Market.HK, "2026-11-23T01:30:00Z"));
        assertTrue(open(Market.HK, "2026-11-23T03:59:59Z"));
        assertFalse(open(Market.HK, "2026-11-23T04:00:00Z"), "12:00 lunch");
        assertFalse(open(Market.HK, "2026-11-23T04:59:59Z"));
        assertTrue(open(Market.HK, "2026-11-23T05:00:00Z"), "13:00 afternoon session");
        assertFalse(open(Market.HK, "2026-11-23T08:00:00Z"), "16:00 close");
    }

    @Test
    void shanghaiAndShenzhenHaveTheirLunchBreak() {
        for (Market market : List.of(Market.SH, Market.SZ)) {
            assertTrue(open(market, "2026-11-23T01:30:00Z"), market.name());
            assertTrue(open(market, "2026-11-23T03:29:59Z"));
            assertFalse(open(market, "2026-11-23T03:30:00Z"), "11:30 lunch");
            assertFalse(open(market, "2026-11-23T04:59:59Z"));
            assertTrue(open(market, "2026-11-23T05:00:00Z"));
            assertFalse(open(market, "2026-11-23T07:00:00Z"), "15:00 close");
        }
    }

    @Test
    void stocksAreClosedAtWeekendsCryptoNever() {
        // Saturday 2026-11-21 and Sunday 2026-11-22 at what would be mid-session
        for (String t : List.of("2026-11-21T15:00:00Z", "2026-11-22T15:00:00Z", "2026-11-21T02:00:00Z")) {
            assertFalse(open(Market.US, t));
            assertFalse(open(Market.HK, t));
            assertFalse(open(Market.SH, t));
            assertTrue(open(Market.CRYPTO, t));
        }
        assertTrue(Market.US.sessions(LocalDate.of(2026, 11, 21)).isEmpty());
        assertTrue(open(Market.CRYPTO, "2026-11-23T00:00:00Z"));
    }

    @Test
    void fxRunsFromSunday17ToFriday17NewYork() {
        assertFalse(open(Market.FX, "2026-11-22T21:59:59Z"), "Sunday 16:59 EST");
        assertTrue(open(Market.FX, "2026-11-22T22:00:00Z"), "Sunday 17:00 EST");
        assertTrue(open(Market.FX, "2026-11-25T05:00:00Z"), "Wednesday midnight");
        assertTrue(open(Market.FX, "2026-11-27T21:59:59Z"));
        assertFalse(open(Market.FX, "2026-11-27T22:00:00Z"), "Friday 17:00 EST");
        assertFalse(open(Market.FX, "2026-11-28T12:00:00Z"), "Saturday");
    }

    @Test
    void theCalendarAnswersForAProvidersSymbol() {
        long saturday = Instant.parse("2026-11-21T15:00:00Z").toEpochMilli();
        assertFalse(MarketSessions.isOpen("finnhub", "AAPL", saturday));
        assertTrue(MarketSessions.isOpen("finnhub", "BINANCE:BTCUSDT", saturday));
        assertTrue(MarketSessions.isOpen("binance", "BTCUSDT", saturday));
        Clock mondayLunchInHongKong = Clock.fixed(Instant.parse("2026-11-23T04:30:00Z"), ZoneOffset.UTC);
        assertFalse(MarketSessions.inSession("alltick", "700.HK", mondayLunchInHongKong).getAsBoolean());
        assertTrue(MarketSessions.inSession("alltick", "AAPL.US", Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"),
                ZoneOffset.UTC)).getAsBoolean());
    }
}
