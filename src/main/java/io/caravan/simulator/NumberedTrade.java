package io.caravan.simulator;

/**
 * A trade as the simulator serves it, with its trade id: per symbol, increasing from 1, the same for every client
 * (an exchange's trade id, which Binance sends and Finnhub does not).
 */
record NumberedTrade(SimTrade trade, long id) {
}
