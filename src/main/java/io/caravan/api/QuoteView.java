package io.caravan.api;

import java.math.BigDecimal;

/**
 * A row of the quotes board, as {@code GET /api/quotes} and the live pushes give it.
 *
 * @param time          event time of the last trade, epoch milliseconds UTC
 * @param volume        the day's volume (UTC day of the last trade)
 * @param previousClose null until a previous day's close is known; change and changePercent are null with it
 * @param feedStatus    connected, disconnected, or n/a for a feed without connections (replay)
 * @param dropPercent   how far last is below the highest price of the alert window
 * @param alert         whether the alert rule holds for this symbol now
 * @param version       grows with every change; the page ignores a row older than the one it shows
 * @param market        US, HK, SH, SZ, FX or CRYPTO (io.caravan.market.Market)
 * @param instrument    the normalised id, e.g. AAPL.US, 700.HK, BTCUSDT.BINANCE
 * @param inSession     whether the last trade was inside its market's regular session
 * @param marketOpen    whether the market is in its regular session now
 * @param outOfSessionTrades trades of this symbol seen outside the regular session (kept in the bars, flagged here)
 */
public record QuoteView(String symbol, String market, String feed, String feedStatus, BigDecimal last,
        BigDecimal previousClose, BigDecimal change, BigDecimal changePercent, BigDecimal volume, long time,
        BigDecimal dropPercent, boolean alert, long version, String instrument, boolean inSession,
        boolean marketOpen, long outOfSessionTrades) {
}
