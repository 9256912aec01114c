package io.caravan.api;

import java.util.List;

/** What the page needs to lay itself out: the symbols, the intervals, the push rate and the alert rule. */
public record DashboardSettings(List<String> symbols, List<String> intervals, long pushIntervalMillis,
        String alertRule) {
}
