package io.caravan.simulator;

/**
 * One trade the simulator serves. Price and size stay decimal text so a replayed file reaches the client digit for
 * digit ({@code 61837.63000000} is not {@code 61837.63}); both are valid JSON number literals.
 */
record SimTrade(String symbol, long timestamp, String price, String size) {
}
