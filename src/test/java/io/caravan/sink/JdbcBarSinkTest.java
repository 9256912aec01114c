package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;
import io.caravan.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The bars table on the embedded H2 database: created when absent, exact decimals, idempotent upserts. */
@QuarkusTest
@TestProfile(JdbcBarSinkTest.Profile.class)
class JdbcBarSinkTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(java.nio.file.Path.of("target/test-data/jdbc-h2"));
            return Map.of("caravan.feeds", "none", "caravan.data-dir", "target/test-data/jdbc-h2");
        }
    }

    static final Interval ONE_MINUTE = Interval.parse("1m");
    static final long OPEN = Instant.parse("2024-08-08T23:55:00Z").toEpochMilli();

    @Inject
    JdbcBarSink sink;
    @Inject
    BarDatabase database;

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bars WHERE symbol LIKE 'JDBC-%'");
        }
    }

    static Bar bar(String symbol, String close, String volume, String vwap, long trades) {
        return new Bar(symbol, ONE_MINUTE, OPEN, new BigDecimal("61837.63000000"), new BigDecimal("61860.80000000"),
                new BigDecimal("61583.22000000"), new BigDecimal(close), new BigDecimal(volume),
                vwap == null ? BigDecimal.ZERO : new BigDecimal(vwap).multiply(new BigDecimal(volume)),
                vwap == null ? null : new BigDecimal(vwap), trades);
    }

    @Test
    void writesExactDecimalsAndTheOpenTimeInUtc() throws Exception {
        sink.write(bar("JDBC-A", "61685.99000000", "199.42863000", "61699.6066482806", 8863));
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT open_time, open, close, volume, vwap, trade_count FROM bars WHERE symbol = ? AND \"interval\" = ?")) {
            ps.setString(1, "JDBC-A");
            ps.setString(2, "1m");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(Instant.ofEpochMilli(OPEN), rs.getObject(1, OffsetDateTime.class).toInstant());
                assertEquals(0, new BigDecimal("61837.63").compareTo(rs.getBigDecimal(2)));
                assertEquals(0, new BigDecimal("61685.99").compareTo(rs.getBigDecimal(3)));
                assertEquals(0, new BigDecimal("199.42863").compareTo(rs.getBigDecimal(4)));
                assertEquals(0, new BigDecimal("61699.6066482806").compareTo(rs.getBigDecimal(5)));
                assertEquals(8863, rs.getLong(6));
            }
        }
    }

    @Test
    void writingABarAgainUpdatesItsOneRow() throws Exception {
        sink.write(bar("JDBC-B", "10.5", "3", "10.25", 2));
        sink.write(bar("JDBC-B", "10.5", "3", "10.25", 2));
        sink.write(bar("JDBC-B", "11.0", "4", "10.5", 3));
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), max(close), max(trade_count) FROM bars WHERE symbol = 'JDBC-B'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(0, new BigDecimal("11.0").compareTo(rs.getBigDecimal(2)));
            assertEquals(3, rs.getLong(3));
        }
    }

    @Test
    void vwapIsNullWhenThereWasNoVolume() throws Exception {
        sink.write(bar("JDBC-C", "1.5", "0", null, 4));
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT vwap, trade_count FROM bars WHERE symbol = 'JDBC-C'")) {
            rs.next();
            assertNull(rs.getBigDecimal(1));
            assertEquals(4, rs.getLong(2));
        }
    }

    /** Gap-fill finds trades of a flat bucket: the real bar (backfilled) replaces the flat one, alone or in a batch. */
    @Test
    void aRealBarReplacesTheFlatBarOfItsBucket() throws Exception {
        BigDecimal last = new BigDecimal("61837.63");
        for (String symbol : List.of("JDBC-F1", "JDBC-F2")) {
            Bar flat = new Bar(symbol, ONE_MINUTE, OPEN, last, last, last, last, BigDecimal.ZERO, BigDecimal.ZERO, null,
                    0L, BarQuality.FLAT, 0);
            Bar real = bar(symbol, "61685.99", "2", "61700", 3);
            Bar backfilled = new Bar(symbol, ONE_MINUTE, OPEN, real.open(), real.high(), real.low(), real.close(),
                    real.volume(), real.notional(), real.vwap(), real.trades(), BarQuality.BACKFILLED, 0);
            if (symbol.equals("JDBC-F1")) {
                sink.write(flat);
                sink.write(backfilled);
            } else {
                sink.writeAll(List.of(flat, backfilled));
            }
            try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), max(close), max(vwap), max(trade_count), max(quality) FROM bars WHERE symbol = ?")) {
                ps.setString(1, symbol);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), symbol);
                    assertEquals(0, new BigDecimal("61685.99").compareTo(rs.getBigDecimal(2)), symbol);
                    assertEquals(0, new BigDecimal("61700").compareTo(rs.getBigDecimal(3)), symbol);
                    assertEquals(3, rs.getLong(4), symbol);
                    assertEquals("backfilled", rs.getString(5), symbol);
                }
            }
        }
    }

    @Test
    void symbolsAreBoundAsParametersNeverSpliced() throws Exception {
        String hostile = "JDBC-x'); DROP TABLE bars; --";
        sink.write(bar(hostile, "1", "1", "1", 1));
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM bars WHERE symbol = ?")) {
            ps.setString(1, hostile);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
