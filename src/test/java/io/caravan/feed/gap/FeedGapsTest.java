package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.caravan.tick.Tick;

class FeedGapsTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_700_000_000_000L;

    private final FeedGaps gaps = new FeedGaps(HOUR);

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
}
