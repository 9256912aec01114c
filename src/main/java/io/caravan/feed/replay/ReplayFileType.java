package io.caravan.feed.replay;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kinds of file a replay reads, told apart by content and, where the content does not say, by name: caravan's
 * CSV ({@code timestamp,...} header), recorded frames ({@code <epoch-ns> <frame>}), Lean tick files (one symbol-day:
 * {@code ms since midnight New York,price in 1/10000,size,exchange,conditions,suspicious}, named
 * {@code <yyyyMMdd>_<symbol>_Trade_Tick.csv} inside {@code <symbol>/<yyyyMMdd>_trade.zip}) and Binance's public spot
 * trade archives ({@code id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch}, with or without that header, named
 * {@code <SYMBOL>-trades-<date>.csv}).
 */
enum ReplayFileType {
    CARAVAN_CSV, FRAMES, LEAN_TRADES, BINANCE_TRADES;

    private static final Pattern LEAN_ROW = Pattern.compile("^[0-9]+,[0-9]+,[0-9]+(\\.[0-9]*)?,.*");
    private static final Pattern BINANCE_ROW = Pattern.compile(
            "^[0-9]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9]+,(?i:true|false)(,(?i:true|false))?$");

    /** @param name the file's name, or the name of the entry read inside a zip */
    static ReplayFileType detect(String name, String firstLine) {
        String line = firstLine == null ? "" : firstLine.strip();
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("timestamp,")) {
            return CARAVAN_CSV;
        }
        if (lower.startsWith("id,price,qty")) {
            return BINANCE_TRADES;
        }
        if (BINANCE_ROW.matcher(line).matches()) {
            return BINANCE_TRADES;
        }
        if (LEAN_ROW.matcher(line).matches() && LeanTickRows.isLeanName(name)) {
            return LEAN_TRADES;
        }
        // as before there were other kinds: a line of no known kind is read as a frame, and refused as malformed
        return FRAMES;
    }
}
