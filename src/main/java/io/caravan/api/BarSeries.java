package io.caravan.api;

import java.util.List;

/** Answer of {@code GET /api/bars/{symbol}}: bars oldest first. */
public record BarSeries(String symbol, String interval, List<BarView> bars) {
}
