package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

class FeedGapsTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_700_000_000_000L;

    private final AtomicLong wall = new AtomicLong(T);
    private final FeedGaps gaps = new FeedGaps(HOUR, wall::get);

    private static Tick tick(String provider, long ts) {
        return tick(provider, "AAPL", ts);
    }

    private static Tick tick(String provider, String symbol, long ts) {
        return new Tick(provider, symbol, ts, BigDecimal.ONE, BigDecimal.ONE, null, 0);
    }

    private static void assertSpan(Gap expected, Gap actual) {
        assertTrue(expected.sameSpan(actual), "expected " + expected + " but was " + actual);
    }

    /** Two symbols traded, the connection lost, and a new one whose first trade is AAPL's at T + 10 s. */
    private Gap reconnectedAtAaplsTrade() {
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", "AAPL", T));
        gaps.seen(tick("finnhub", "MSFT", T + 100));
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        return only(gaps.seen(tick("finnhub", "AAPL", T + 10_000)));
    }

    private static Gap only(List<Gap> gaps) {
        assertEquals(1, gaps.size(), gaps.toString());
        return gaps.get(0);
    }

    @Test
    void eachSymbolsPartOfAGapEndsAtItsOwnFirstLiveTrade() {
        Gap gap = reconnectedAtAaplsTrade();
        // MSFT's subscription took effect later: its live trades begin 2 s after the gap's end
        assertEquals(List.of(), gaps.seen(tick("finnhub", "MSFT", T + 12_000)));
        assertEquals(OptionalLong.of(T + 10_000), gap.connection().endOf(gap, "AAPL", "AAPL"));
        assertEquals(OptionalLong.of(T + 12_000), gap.connection().endOf(gap, "MSFT", "MSFT"));
    }

    @Test
    void aSymbolWithoutALiveTradeYetIsFilledWhenItsFirstComes() {
        Gap gap = reconnectedAtAaplsTrade();
        assertEquals(OptionalLong.empty(), gap.connection().endOf(gap, "MSFT", "MSFT"), "waits for MSFT");
        gaps.seen(tick("finnhub", "AAPL", T + 11_000));
        Gap part = only(gaps.seen(tick("finnhub", "MSFT", T + 12_000)));
        assertSpan(new Gap("finnhub", T + 100, T + 12_000, false, null, "MSFT"), part);
        assertEquals(OptionalLong.of(T + 12_000), part.connection().endOf(part, "MSFT", "MSFT"));
        assertEquals(List.of(), gaps.seen(tick("finnhub", "MSFT", T + 12_500)), "handed out once");
    }

    @Test
    void aPartStillWaitingWhenTheConnectionIsReplacedIsFilledToItsNewestTradeAndFenced() {
        Gap gap = reconnectedAtAaplsTrade();
        assertEquals(OptionalLong.empty(), gap.connection().endOf(gap, "MSFT", "MSFT"));
        gaps.seen(tick("finnhub", "AAPL", T + 11_000));
        Gap part = only(gaps.connected("finnhub")); // a reload: no CLOSE
        assertSpan(new Gap("finnhub", T + 100, T + 11_001, false, null, "MSFT"), part);
        // the next gap starts where that one ended
        assertEquals(T + 11_000, only(gaps.seen(tick("finnhub", "AAPL", T + 20_000))).after());
    }

    /**
     * The gap-fill queue runs behind the feed: the gap of a connection is filled after that connection was already
     * replaced. A symbol with no live trade on it then waited for one that could never come (its part was neither
     * filled nor handed out again), and its trades of the gap were lost: seen in the fault suite's Binance rounds.
     */
    @Test
    void aPartAskedForAfterItsConnectionWasReplacedIsFilledToThatConnectionsNewestTrade() {
        Gap gap = reconnectedAtAaplsTrade();
        gaps.seen(tick("finnhub", "AAPL", T + 11_000));
        assertEquals(List.of(), gaps.connected("finnhub"), "nothing waited yet: the gap was not filled yet");
        // the fill of the first connection's gap comes now
        assertEquals(OptionalLong.of(T + 10_000), gap.connection().endOf(gap, "AAPL", "AAPL"));
        assertEquals(OptionalLong.of(T + 11_001), gap.connection().endOf(gap, "MSFT", "MSFT"),
                "MSFT's part ends at the replaced connection's newest trade");
        // and the next gap starts there
        assertEquals(T + 11_000, only(gaps.seen(tick("finnhub", "AAPL", T + 20_000))).after());
    }

    @Test
    void aLiveTradeOfAFilledSpanIsRefusedAsADuplicate() {
        wall.set(T);
        Gap gap = reconnectedAtAaplsTrade();
        assertEquals(OptionalLong.empty(), gap.connection().endOf(gap, "MSFT", "MSFT"));
        wall.set(T + 31_000);
        Gap part = only(gaps.quiet(30_000, HOUR));
        assertSpan(new Gap("finnhub", T + 100, T + 10_001, false, null, "MSFT"), part);
        TickRejectedException late = assertThrows(TickRejectedException.class,
                () -> gaps.seen(tick("finnhub", "MSFT", T + 10_000)), "arrives live after gap-fill fetched it");
        assertEquals(RejectReason.DUPLICATE, late.reason());
        assertEquals(List.of(), gaps.seen(tick("finnhub", "MSFT", T + 10_001)), "a later one is live");
    }

    @Test
    void theFirstTradeAfterStartUpEndsAGapFromTheStartOfTheLongestInterval() {
        gaps.connected("finnhub");
        Gap gap = only(gaps.seen(tick("finnhub", T)));
        assertTrue(gap.startup());
        assertEquals(Math.floorDiv(T, HOUR) * HOUR - 1, gap.after());
        assertEquals(T, gap.before());
        assertEquals(List.of(), gaps.seen(tick("finnhub", T + 5)), "handed out once");
    }

    @Test
    void aReconnectEndsAGapAtTheFirstTradeAfterIt() {
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", T));
        gaps.seen(tick("finnhub", T + 1000));
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        Gap gap = only(gaps.seen(tick("finnhub", T + 90_000)));
        assertSpan(new Gap("finnhub", T + 1000, T + 90_000, false), gap);
        assertEquals(List.of(), gaps.seen(tick("finnhub", T + 90_001)));
    }

    @Test
    void anOpenWithoutAReportedLossIsAReconnectNotAStartUp() {
        // a reloaded route: its old consumer stops without a CLOSE event, the new one opens
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", T));
        gaps.seen(tick("finnhub", T + 1000));
        gaps.connected("finnhub");
        Gap gap = only(gaps.seen(tick("finnhub", T + 1500)));
        assertSpan(new Gap("finnhub", T + 1000, T + 1500, false), gap);
    }

    @Test
    void feedsThatNeverReportAConnectionHaveNoGaps() {
        assertEquals(List.of(), gaps.seen(tick("replay", T)));
    }

    @Test
    void aFeedQuietAfterItsReconnectHasItsGapFilledUpToTheReconnect() {
        gaps.connected("binance");
        gaps.seen(tick("binance", T));
        gaps.seen(tick("binance", T + 1000));
        wall.set(T + 2000);
        gaps.lost("binance");
        wall.set(T + 92_000);
        gaps.connected("binance"); // ... and then nothing trades
        wall.set(T + 92_000 + 29_999);
        assertEquals(List.of(), gaps.quiet(30_000, HOUR), "not quiet long enough yet");
        wall.set(T + 92_000 + 30_000);
        List<Gap> quiet = gaps.quiet(30_000, HOUR);
        assertEquals(1, quiet.size(), quiet.toString());
        assertSpan(new Gap("binance", T + 1000, T + 92_000, false), quiet.get(0));
        assertEquals(List.of(), gaps.quiet(30_000, HOUR), "handed out once");
        assertEquals(List.of(), gaps.seen(tick("binance", T + 200_000)), "the first trade after it ends none");

        // lost again before any trade: the next gap starts where the quiet one ended
        gaps.lost("binance");
        gaps.connected("binance");
        assertSpan(new Gap("binance", T + 200_000, T + 300_000, false),
                only(gaps.seen(tick("binance", T + 300_000))));
    }

    @Test
    void aQuietGapEndsBeforeTheTradesOfTheNewConnectionAndIsNotHandedOutTwice() {
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", T));
        gaps.lost("finnhub");
        wall.set(T + 60_000);
        gaps.connected("finnhub");
        wall.set(T + 120_000);
        Gap quiet = gaps.quiet(30_000, HOUR).get(0);
        assertSpan(new Gap("finnhub", T, T + 60_000, false), quiet);
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        // only what came after the quiet gap's end is missing now
        assertEquals(T + 60_000 - 1, only(gaps.seen(tick("finnhub", T + 130_000))).after());
    }

    @Test
    void aQuietStartUpFillsTheLongestIntervalUpToTheConnect() {
        wall.set(T + 10);
        gaps.connected("alltick");
        wall.set(T + 40_010);
        Gap gap = gaps.quiet(30_000, HOUR).get(0);
        assertTrue(gap.startup());
        assertEquals(Math.floorDiv(T + 10, HOUR) * HOUR - 1, gap.after());
        assertEquals(T + 10, gap.before());
    }

    @Test
    void aFeedWhoseTradesAreFarOlderThanTheWallClockWaitsForItsFirstTrade() {
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", T - 10 * HOUR)); // a simulator replaying an old file
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        wall.set(T + 60_000);
        assertEquals(List.of(), gaps.quiet(30_000, 2 * HOUR));
        assertSpan(new Gap("finnhub", T - 10 * HOUR, T - 9 * HOUR, false),
                only(gaps.seen(tick("finnhub", T - 9 * HOUR))));
    }
}
