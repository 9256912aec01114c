package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.market.Market;
import io.caravan.sink.SymbolFileName;
import io.caravan.support.Await;
import io.caravan.support.Http;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.tick.Tick;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Flat bars against the simulator over a real WebSocket, on the wall clock: a crypto pair (always in session) is
 * halted for 11 s ({@code POST /sim/halt}); its quiet 1s and 5s buckets become flat bars at the last price in
 * PostgreSQL, the CSV files and the query API, and the 5s bars with trades are exactly their real 1s parts (a flat
 * second never opens a 5s bar). A US stock halted alongside gets flat bars only while New York is in session.
 */
@QuarkusTest
@TestProfile(FlatBarsFeedTest.Profile.class)
class FlatBarsFeedTest {

    static final int SIM_PORT = 18803;
    static final Path DATA = Path.of("target/test-data/flat-bars");
    static final String PG_SCHEMA = "caravan_flat_bars";
    static final String BTC = "BINANCE:BTCUSDT";
    static final String AAPL = "AAPL";
    static final long SECOND = 1_000;
    static final long FIVE = 5_000;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = config(DATA, PG_SCHEMA, SIM_PORT, BTC + "," + AAPL);
            config.put("caravan.bars.flat", "true");
            return config;
        }
    }

    static Map<String, String> config(Path data, String schema, int port, String symbols) {
        Await.deleteTree(data);
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.feeds", "simulator");
        config.put("caravan.simulator.port", Integer.toString(port));
        config.put("caravan.simulator.trades-per-second", "20");
        config.put("caravan.symbols", symbols);
        config.put("caravan.intervals", "1s,5s");
        config.put("caravan.bars.grace", "300ms");
        config.put("caravan.bars.clock", "wall");
        config.put("caravan.sinks", "csv,jdbc");
        config.put("caravan.jdbc.url", PostgresSchema.fresh(schema));
        config.put("caravan.jdbc.username", PostgresSchema.USER);
        config.put("caravan.data-dir", data.toString());
        return config;
    }

    /** A bar as a sink holds it; {@code quality} from the CSV is "flat" for 0 trades (the CSV has no such column). */
    record Row(long time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
            BigDecimal vwap, long trades, String quality) {

        boolean flat() {
            return "flat".equals(quality);
        }

        /** The columns both sinks hold, decimals without their scale. */
        String values() {
            return time + " " + open.stripTrailingZeros().toPlainString() + " " + high.stripTrailingZeros().toPlainString()
                    + " " + low.stripTrailingZeros().toPlainString() + " " + close.stripTrailingZeros().toPlainString()
                    + " " + volume.stripTrailingZeros().toPlainString() + " "
                    + (vwap == null ? "-" : vwap.stripTrailingZeros().toPlainString()) + " " + trades + " " + quality;
        }
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    BarRevisions revisions;

    @Test
    void aHaltedPairGetsFlatBarsThatNeverBecomePartOfALongerBar() throws Exception {
        awaitBars(DATA, PG_SCHEMA, BTC, 3);
        boolean usOpenBefore = Market.US.isOpen(Instant.now());
        // halt 2.5 s into a 5s bucket: the buckets where it starts and ends each hold real and flat seconds
        sleepUntilOffset(2_500);
        long until = halt(SIM_PORT, BTC, "11s");
        halt(SIM_PORT, AAPL, "11s");
        long cutoff = FIVE * (until / FIVE) + FIVE;
        awaitRowsFrom(DATA, PG_SCHEMA, BTC, cutoff);
        awaitRowsFrom(DATA, PG_SCHEMA, AAPL, cutoff);
        boolean usOpenAfter = Market.US.isOpen(Instant.now());

        List<Row> seconds = before(cutoff, database(PG_SCHEMA, BTC, "1s"));
        List<Row> fives = before(cutoff, database(PG_SCHEMA, BTC, "5s"));
        assertContinuous(seconds, SECOND);
        assertContinuous(fives, FIVE);
        assertFlatAtThePreviousClose(seconds);
        assertFlatAtThePreviousClose(fives);
        assertTrue(seconds.stream().filter(Row::flat).count() >= 10, "at least 10 quiet seconds in 11 s: " + seconds);
        assertTrue(fives.stream().anyMatch(Row::flat), "a whole quiet 5s bucket is flat: " + fives);
        assertRealBarsAreTheirRealParts(fives, seconds);
        Row resumed = fives.stream().filter(r -> r.time() == FIVE * (until / FIVE)).findFirst().orElseThrow();
        assertTrue(seconds.stream().anyMatch(s -> s.flat() && s.time() >= resumed.time() && s.time() < until),
                "the 5s bucket where trading resumed began with flat seconds");

        // the CSV files hold the same bars; there a flat bar is the one with 0 trades (no quality column)
        assertEquals(values(seconds), values(before(cutoff, csv(DATA, BTC, "1s"))));
        assertEquals(values(fives), values(before(cutoff, csv(DATA, BTC, "5s"))));

        // the query API
        Row flat = seconds.stream().filter(Row::flat).findFirst().orElseThrow();
        JsonNode bar = Http.get(base + "api/bars/" + URLEncoder.encode(BTC, StandardCharsets.UTF_8)
                + "?interval=1s&from=" + flat.time() + "&to=" + (flat.time() + SECOND)).body().get("bars").get(0);
        assertEquals(flat.time(), bar.get("time").asLong());
        assertEquals("flat", bar.get("quality").asText());
        assertEquals(0, bar.get("trades").asLong());
        assertEquals(0, bar.get("volume").decimalValue().signum());
        assertEquals(0, flat.close().compareTo(bar.get("close").decimalValue()));

        // a US stock: flat bars only in New York's regular session
        List<Row> stock = database(PG_SCHEMA, AAPL, "1s");
        long stockFlats = stock.stream().filter(Row::flat).count();
        if (!usOpenBefore && !usOpenAfter) {
            assertEquals(0, stockFlats, "New York is closed: " + stock);
            assertTrue(csv(DATA, AAPL, "1s").stream().noneMatch(Row::flat));
        } else if (usOpenBefore && usOpenAfter) {
            assertTrue(stockFlats >= 10, "New York is open: " + stock);
        }

        // gap-fill finds a trade in a flat bucket: the real bars replace the flat 1s and 5s bars in both sinks
        Row quietFive = fives.stream().filter(Row::flat).findFirst().orElseThrow();
        long second = quietFive.time() + SECOND;
        BigDecimal price = quietFive.close().add(BigDecimal.ONE);
        BarRevisions.Applied applied = revisions.apply(List.of(new Tick("finnhub", BTC, second + 500, price,
                BigDecimal.ONE, null, Long.MAX_VALUE)));
        assertEquals(1, applied.added(), "into a bar of its own, as a trade of an open bar");
        for (Row expected : List.of(new Row(second, price, price, price, price, BigDecimal.ONE, price, 1, "backfilled"),
                new Row(quietFive.time(), price, price, price, price, BigDecimal.ONE, price, 1, "backfilled"))) {
            String interval = expected.time() == second ? "1s" : "5s";
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> database(PG_SCHEMA, BTC, interval).stream()
                    .map(Row::values).toList().contains(expected.values())
                    && values(csv(DATA, BTC, interval)).containsAll(values(List.of(expected))));
            assertEquals(1, csv(DATA, BTC, interval).stream().filter(r -> r.time() == expected.time()).count());
        }
    }

    // ---- shared with FlatBarsOffTest

    static long halt(int port, String symbol, String duration) {
        Http.Answer answer = Http.post("http://127.0.0.1:" + port + "/sim/halt?symbol="
                + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&for=" + duration, "");
        assertEquals(200, answer.status(), String.valueOf(answer.body()));
        return answer.body().get("haltedUntil").asLong();
    }

    static void sleepUntilOffset(long offsetInFive) throws InterruptedException {
        long now = System.currentTimeMillis();
        Thread.sleep(Math.floorMod(offsetInFive - now % FIVE, FIVE));
    }

    static void awaitBars(Path data, String schema, String symbol, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> database(schema, symbol, "1s").size() >= count
                && csv(data, symbol, "1s").size() >= count);
    }

    /** Until both sinks hold a 5s bar opened at or after {@code time}: every bar before it is written. */
    static void awaitRowsFrom(Path data, String schema, String symbol, long time) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> database(schema, symbol, "5s").stream().anyMatch(r -> r.time() >= time)
                        && csv(data, symbol, "5s").stream().anyMatch(r -> r.time() >= time));
    }

    static List<Row> before(long cutoff, List<Row> rows) {
        return rows.stream().filter(r -> r.time() < cutoff).toList();
    }

    /** Each row's values; live and backfilled both read "real" (the CSV cannot tell them apart). */
    static List<String> values(List<Row> rows) {
        return rows.stream().map(Row::values).map(v -> v.replace(" live", " real").replace(" backfilled", " real"))
                .toList();
    }

    static void assertContinuous(List<Row> rows, long interval) {
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(rows.get(i - 1).time() + interval, rows.get(i).time(),
                    "one bar per bucket, none missing in session: " + rows.get(i));
        }
    }

    static void assertFlatAtThePreviousClose(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.flat()) {
                assertTrue(i > 0, "a flat bar follows a bar: " + r);
                BigDecimal previous = rows.get(i - 1).close();
                for (BigDecimal price : List.of(r.open(), r.high(), r.low(), r.close())) {
                    assertEquals(0, previous.compareTo(price), "flat at the previous close: " + r);
                }
                assertEquals(0, r.volume().signum(), r.toString());
                assertNull(r.vwap(), r.toString());
                assertEquals(0, r.trades(), r.toString());
            } else {
                assertTrue(r.trades() > 0, "a bar that is not flat has trades: " + r);
            }
        }
    }

    /** A 5s bar with trades is built from its real 1s bars alone: its open is its first trade's price. */
    static void assertRealBarsAreTheirRealParts(List<Row> fives, List<Row> seconds) {
        for (Row five : fives) {
            List<Row> parts = seconds.stream()
                    .filter(s -> !s.flat() && s.time() >= five.time() && s.time() < five.time() + FIVE).toList();
            if (five.flat()) {
                assertEquals(List.of(), parts, "a flat 5s bucket has no trades");
                continue;
            }
            if (parts.isEmpty() || five.time() < seconds.get(0).time()) {
                continue; // the first 5s bucket may begin before the first 1s bar read
            }
            assertEquals(0, parts.get(0).open().compareTo(five.open()), "open = the first trade's price: " + five);
            assertEquals(0, parts.get(parts.size() - 1).close().compareTo(five.close()), five.toString());
            assertEquals(0, parts.stream().map(Row::high).reduce(BigDecimal::max).orElseThrow().compareTo(five.high()));
            assertEquals(0, parts.stream().map(Row::low).reduce(BigDecimal::min).orElseThrow().compareTo(five.low()));
            assertEquals(0, parts.stream().map(Row::volume).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .compareTo(five.volume()), five.toString());
            assertEquals(parts.stream().mapToLong(Row::trades).sum(), five.trades(), five.toString());
        }
    }

    static List<Row> database(String schema, String symbol, String interval) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = OutputBars.connect(PostgresSchema.url(schema), PostgresSchema.USER);
                PreparedStatement ps = c.prepareStatement("SELECT open_time, open, high, low, close, volume, vwap, "
                        + "trade_count, quality FROM bars WHERE symbol = ? AND \"interval\" = ? ORDER BY open_time")) {
            ps.setString(1, symbol);
            ps.setString(2, interval);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli(),
                            rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return rows; // the sink creates the table with its first bar
            }
            throw e;
        }
        return rows;
    }

    /** The CSV rows in file order; one row per open time, or the test fails. */
    static List<Row> csv(Path data, String symbol, String interval) throws IOException {
        Path file = data.resolve("bars").resolve(interval).resolve(SymbolFileName.encode(symbol) + "_" + interval + ".csv");
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length < 8) {
                continue; // a row being appended
            }
            long trades = Long.parseLong(c[7]);
            rows.add(new Row(Instant.parse(c[0]).toEpochMilli(), new BigDecimal(c[1]), new BigDecimal(c[2]),
                    new BigDecimal(c[3]), new BigDecimal(c[4]), new BigDecimal(c[6]),
                    c[5].isEmpty() ? null : new BigDecimal(c[5]), trades, trades == 0 ? "flat" : "real"));
        }
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).time() < rows.get(i).time(), "CSV rows in order, once each: " + rows.get(i));
        }
        return rows;
    }
}
