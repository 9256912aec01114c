package io.caravan.feed.replay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.caravan.tick.Excerpt;

/** What a replay file holds: CSV columns (from its header) or recorded frames. */
public record ReplayFormat(int timestamp, int symbol, int price, int size, int tradeId) {

    static final ReplayFormat FRAMES = new ReplayFormat(-1, -1, -1, -1, -1);
    /** {@code timestamp,symbol,price,size,trade_id}: the rows a merge of trade files gives. */
    static final ReplayFormat TRADES = new ReplayFormat(0, 1, 2, 3, 4);

    public boolean isCsv() {
        return timestamp >= 0;
    }

    static ReplayFormat detect(String firstLine) {
        if (firstLine == null || !firstLine.toLowerCase(Locale.ROOT).startsWith("timestamp,")) {
            return FRAMES;
        }
        List<String> header = Arrays.stream(firstLine.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int symbol = header.indexOf("symbol");
        int price = header.indexOf("price");
        int size = header.indexOf("size");
        if (symbol < 0 || price < 0 || size < 0) {
            throw new IllegalArgumentException("replay CSV header must be timestamp,symbol,price,size[,trade_id], not "
                    + Excerpt.of(firstLine));
        }
        return new ReplayFormat(0, symbol, price, size, header.indexOf("trade_id"));
    }
}
