package io.caravan.api;

/** A bar pushed to the page: in progress (replaces the candle with the same time) or closed. */
public record LiveBar(String symbol, String interval, BarView bar) {
}
