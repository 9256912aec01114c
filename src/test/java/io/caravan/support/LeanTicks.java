package io.caravan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.caravan.feed.replay.ReplayInput;
import io.caravan.feed.replay.ReplayInputs;

/**
 * Real US equity trades (QuantConnect Lean sample data, AlgoSeek): {@code ms since midnight New York, price in
 * 1/10000 USD, size, exchange, conditions, suspicious}. Suspicious rows are left out, as the data's README says.
 * Read by caravan's replay reader ({@code ReplayInputs}); {@code ReplayInputsTest} checks that reader against the
 * raw rows.
 */
public final class LeanTicks {

    private LeanTicks() {
    }

    public static String file(String symbol, String day) {
        return "lean/tick/" + symbol.toLowerCase(Locale.ROOT) + "/" + day + "_trade.zip";
    }

    /** Trades of several symbol/day files merged in time order (stable: file order breaks ties). */
    public static List<TestTrade> read(List<String> symbols, List<String> days) {
        List<TestTrade> all = new ArrayList<>();
        for (String day : days) {
            for (String symbol : symbols) {
                all.addAll(read(SharedData.ROOT.resolve(file(symbol, day)), symbol, LocalDate.parse(day,
                        java.time.format.DateTimeFormatter.BASIC_ISO_DATE)));
            }
        }
        all.sort(Comparator.comparingLong(TestTrade::ts));
        List<TestTrade> ordered = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            TestTrade t = all.get(i);
            ordered.add(new TestTrade(t.symbol(), t.ts(), t.price(), t.size(), i));
        }
        return ordered;
    }

    /** Through caravan's own Lean reader (feed/replay), as a replay of the zip reads it. */
    static List<TestTrade> read(Path zip, String symbol, LocalDate day) {
        List<TestTrade> trades = new ArrayList<>();
        try (ReplayInput rows = ReplayInputs.open(zip.toString(), ReplayInputs.DEFAULT_MAX_LINE_CHARS)) {
            while (rows.hasNext()) {
                String[] c = rows.next().split(",", -1); // timestamp,symbol,price,size,trade_id
                if (!c[1].equals(symbol.toUpperCase(Locale.ROOT))) {
                    throw new IOException(zip + " holds " + c[1] + ", not " + symbol);
                }
                trades.add(new TestTrade(c[1], Long.parseLong(c[0]), new BigDecimal(c[2]), new BigDecimal(c[3]),
                        trades.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return trades;
    }

    /** Writes trades as a replay CSV (design.md format), in list order. */
    public static Path writeReplayCsv(List<TestTrade> trades, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                w.write("timestamp,symbol,price,size\n");
                for (TestTrade t : trades) {
                    w.write(t.ts() + "," + t.symbol() + "," + t.price().toPlainString() + "," + t.size().toPlainString() + "\n");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
