package io.caravan.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads what caravan wrote (CSV files, the bars table) into the same shape as {@link ExpectedBars}. */
public final class OutputBars {

    public static final String CSV_HEADER = "timestamp,open,high,low,close,vwap,volume,num_transactions";

    private OutputBars() {
    }

    public static Map<String, ExpectedBar> fromCsv(Path dataDir) {
        return fromCsv(dataDir, symbol -> true);
    }

    /** The CSV bars of the symbols accepted only (the other files are not read). */
    public static Map<String, ExpectedBar> fromCsv(Path dataDir, java.util.function.Predicate<String> symbols) {
        Map<String, ExpectedBar> bars = new TreeMap<>();
        Path root = dataDir.resolve("bars");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String interval = file.getParent().getFileName().toString();
                String name = file.getFileName().toString();
                assertTrue(name.endsWith("_" + interval + ".csv"), "file name " + file);
                String symbol = URLDecoder.decode(name.substring(0, name.length() - interval.length() - 5), StandardCharsets.UTF_8);
                if (!symbols.test(symbol)) {
                    continue;
                }
                // read while caravan writes: a file just created is empty, and its last line may not be finished
                // yet; only whole lines count (a bar lost for good is still missed by the comparison)
                String text = Files.readString(file);
                List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
                if (lines.isEmpty()) {
                    continue;
                }
                assertEquals(CSV_HEADER, lines.get(0), "header of " + file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split(",", -1);
                    assertEquals(8, c.length, line);
                    String key = ExpectedBars.key(symbol, interval, Instant.parse(c[0]));
                    ExpectedBar bar = new ExpectedBar(dec(c[1]), dec(c[2]), dec(c[3]), dec(c[4]), dec(c[6]),
                            c[5].isEmpty() ? null : dec(c[5]),
                            c[7].isEmpty() ? ExpectedBar.UNKNOWN : Long.parseLong(c[7]));
                    if (bars.put(key, bar) != null) {
                        fail("bar written twice to CSV: " + key);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bars;
    }

    /** Symbols with at least one CSV bar of the interval under the data dir. */
    public static Set<String> symbolsWithBars(Path dataDir, String interval) {
        if (!Files.isDirectory(dataDir.resolve("bars").resolve(interval))) {
            return Set.of();
        }
        return fromCsv(dataDir).keySet().stream().filter(k -> k.contains("|" + interval + "|"))
                .map(k -> k.substring(0, k.indexOf('|'))).collect(Collectors.toSet());
    }

    public static Map<String, ExpectedBar> fromJdbc(String url, String user) throws SQLException {
        Map<String, ExpectedBar> bars = new TreeMap<>();
        try (Connection c = connect(url, user); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, \"interval\", open_time, open, high, low, close, volume, vwap, "
                        + "trade_count FROM bars")) {
            while (rs.next()) {
                Instant open = rs.getObject(3, OffsetDateTime.class).toInstant();
                String key = ExpectedBars.key(rs.getString(1), rs.getString(2), open);
                bars.put(key, new ExpectedBar(rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getObject(10) == null ? ExpectedBar.UNKNOWN : rs.getLong(10)));
            }
        }
        return bars;
    }

    /** The first column of the first row of a query, e.g. a {@code count(*)}. */
    public static long count(java.sql.Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Straight from the driver: DriverManager does not see drivers across Quarkus's test class loaders. */
    public static Connection connect(String url, String user) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        java.sql.Driver driver = url.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver() : new org.h2.Driver();
        return driver.connect(url, props);
    }

    public static Map<String, ExpectedBar> fromH2(Path dataDir) throws SQLException {
        return fromJdbc("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("caravan"), null);
    }

    /** Every expected bar written, and nothing else; numbers compared by value. */
    public static void assertSameBars(Map<String, ExpectedBar> expected, Map<String, ExpectedBar> actual, String where) {
        assertEquals(expected.keySet(), actual.keySet(), where + ": set of bars");
        for (Map.Entry<String, ExpectedBar> e : expected.entrySet()) {
            ExpectedBar got = actual.get(e.getKey());
            if (!e.getValue().sameAs(got)) {
                fail(where + ": bar " + e.getKey() + " expected " + e.getValue() + " but was " + got);
            }
        }
    }

    private static BigDecimal dec(String text) {
        assertNull(text.contains("E") ? text : null, "decimal in exponent form: " + text);
        return new BigDecimal(text);
    }
}
