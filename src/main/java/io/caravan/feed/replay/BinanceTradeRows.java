package io.caravan.feed.replay;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.caravan.tick.RejectReason;

/**
 * Rows of Binance's public spot trade archives ({@code data.binance.vision}: {@code id,price,qty,quoteQty,time,
 * isBuyerMaker,isBestMatch}, older files without the header) as caravan CSV rows. Spot times are milliseconds until
 * 2024-12-31 and microseconds from 2025-01-01; each row's unit is told by its size (a time in milliseconds stays
 * below 10^14 until the year 5138, one in microseconds is above it since 1973), never guessed from the file name.
 * The symbol is the file name's, {@code BTCUSDT-trades-2025-01-01.csv}.
 */
final class BinanceTradeRows implements ReplayRows {

    static final long MICROS_FROM = 100_000_000_000_000L;
    private static final Pattern NAME = Pattern.compile("(?i)(?:.*/)?([a-z0-9]+)-trades-.*");

    private final String symbol;

    private BinanceTradeRows(String symbol) {
        this.symbol = symbol;
    }

    static BinanceTradeRows forName(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("a Binance trade archive is named <SYMBOL>-trades-<date>.csv (or "
                    + ".zip), not " + name);
        }
        return new BinanceTradeRows(m.group(1).toUpperCase(Locale.ROOT));
    }

    @Override
    public ReplayRow row(String line) {
        if (line.startsWith("id,")) {
            return null; // the header of newer files
        }
        String[] c = line.split(",", -1);
        if (c.length < 6) {
            return ReplayRow.refused(RejectReason.MALFORMED, "a Binance trade has 7 columns, this one " + c.length,
                    line);
        }
        long time;
        try {
            time = Long.parseLong(c[4].trim());
        } catch (NumberFormatException e) {
            return ReplayRow.refused(RejectReason.BAD_TIMESTAMP, "time is not a whole number", line);
        }
        long ms = time >= MICROS_FROM ? Math.floorDiv(time, 1000L) : time;
        return new ReplayRow(ms, ms + "," + symbol + "," + c[1].trim() + "," + c[2].trim() + "," + c[0].trim());
    }
}
