package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

class FeedGapsTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_700_000_000_000L;

    private final AtomicLong wall = new AtomicLong(T);
    private final FeedGaps gaps = new FeedGaps(HOUR, wall::get);

    private static Tick tick(String provider, long ts) {
        return new Tick(provider, "AAPL", ts, BigDecimal.ONE, BigDecimal.ONE, null, 0);
    }

    @Test
    void theFirstTradeAfterStartUpEndsAGapFromTheStartOfTheLongestInterval() {
        gaps.connected("finnhub");
        Gap gap = gaps.seen(tick("finnhub", T)).orElseThrow();
        assertTrue(gap.startup());
        assertEquals(Math.floorDiv(T, HOUR) * HOUR - 1, gap.after());
        assertEquals(T, gap.before());
        assertEquals(Optional.empty(), gaps.seen(tick("finnhub", T + 5)), "handed out once");
    }

    @Test
    void aReconnectEndsAGapAtTheFirstTradeAfterIt() {
        gaps.connected("finnhub");
        gaps.seen(tick("finnhub", T));
        gaps.seen(tick("finnhub", T + 1000));
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        Gap gap = gaps.seen(tick("finnhub", T + 90_000)).orElseThrow();
        assertEquals(new Gap("finnhub", T + 1000, T + 90_000, false), gap);
        assertEquals(Optional.empty(), gaps.seen(tick("finnhub", T + 90_001)));
    }

    @Test
    void feedsThatNeverReportAConnectionHaveNoGaps() {
        assertEquals(Optional.empty(), gaps.seen(tick("replay", T)));
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
        assertEquals(List.of(new Gap("binance", T + 1000, T + 92_000, false)), gaps.quiet(30_000, HOUR));
        assertEquals(List.of(), gaps.quiet(30_000, HOUR), "handed out once");
        assertEquals(Optional.empty(), gaps.seen(tick("binance", T + 200_000)), "the first trade after it ends none");

        // lost again before any trade: the next gap starts where the quiet one ended
        gaps.lost("binance");
        gaps.connected("binance");
        assertEquals(new Gap("binance", T + 200_000, T + 300_000, false),
                gaps.seen(tick("binance", T + 300_000)).orElseThrow());
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
        assertEquals(new Gap("finnhub", T, T + 60_000, false), quiet);
        gaps.lost("finnhub");
        gaps.connected("finnhub");
        // only what came after the quiet gap's end is missing now
        assertEquals(T + 60_000 - 1, gaps.seen(tick("finnhub", T + 130_000)).orElseThrow().after());
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
        assertEquals(new Gap("finnhub", T - 10 * HOUR, T - 9 * HOUR, false),
                gaps.seen(tick("finnhub", T - 9 * HOUR)).orElseThrow());
    }
}
