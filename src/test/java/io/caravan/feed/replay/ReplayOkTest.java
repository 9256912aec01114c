package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code "ok"} in replay-summary.json means: read, drained, and no trade lost to an unexpected error. */
class ReplayOkTest {

    @Test
    void refusalsByTheRulesAreOkAnUnexpectedErrorIsNot() {
        assertTrue(ReplayFeed.ok(false, true, 0, 0), "refusals are counted in 'rejected', not failures");
        assertFalse(ReplayFeed.ok(false, true, 1, 0), "a trade lost to an exception");
        assertFalse(ReplayFeed.ok(true, true, 0, 0), "the file could not be read");
        assertFalse(ReplayFeed.ok(false, false, 0, 0), "bars still waiting for a sink");
        assertFalse(ReplayFeed.ok(false, true, 0, 1), "a bar in the bar dead letter");
    }
}
