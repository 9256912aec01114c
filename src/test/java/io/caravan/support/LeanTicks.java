package io.caravan.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real US equity trades (QuantConnect Lean sample data, AlgoSeek): {@code ms since midnight New York, price in
 * 1/10000 USD, size, exchange, conditions, suspicious}. Suspicious rows are left out, as the data's README says.
 */
public final class LeanTicks {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

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

    static List<TestTrade> read(Path zip, String symbol, LocalDate day) {
        long midnight = day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        List<TestTrade> trades = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            if (entry == null) {
                throw new IOException("empty zip " + zip);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] c = line.split(",");
                if (c.length < 6 || c[5].trim().equals("1")) {
                    continue;
                }
                trades.add(new TestTrade(symbol, midnight + Long.parseLong(c[0].trim()),
                        BigDecimal.valueOf(Long.parseLong(c[1].trim()), 4), new BigDecimal(c[2].trim()), trades.size()));
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
