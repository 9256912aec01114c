package io.caravan.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.bar.Bar;

/**
 * Upserts bars into table {@code bars}: writing the same bar twice leaves one row with the latest values, so a
 * revision (gap-fill) replaces the row it revises.
 */
@ApplicationScoped
@Named("jdbcBarSink")
public class JdbcBarSink {

    private static final String COLUMNS = "symbol, \"interval\", open_time, open, high, low, close, volume, vwap, "
            + "trade_count, quality, revision";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final BarDatabase database;
    private final String upsert;

    public JdbcBarSink(BarDatabase database) {
        this.database = database;
        this.upsert = switch (database.dialect()) {
            case POSTGRESQL -> "INSERT INTO bars (" + COLUMNS + ") VALUES (" + VALUES + ") "
                    + "ON CONFLICT (symbol, \"interval\", open_time) DO UPDATE SET open = EXCLUDED.open, "
                    + "high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, "
                    + "vwap = EXCLUDED.vwap, trade_count = EXCLUDED.trade_count, quality = EXCLUDED.quality, "
                    + "revision = EXCLUDED.revision";
            case H2 -> "MERGE INTO bars (" + COLUMNS + ") KEY (symbol, \"interval\", open_time) VALUES (" + VALUES + ")";
        };
    }

    public void write(Bar bar) throws SQLException {
        writeAll(List.of(bar));
    }

    /**
     * The bars in one transaction, sent as one JDBC batch: a bar-close burst costs a round trip and a commit per batch,
     * not per bar (one commit per bar made 50,000 bars take most of a minute on PostgreSQL).
     */
    public void writeAll(List<Bar> bars) throws SQLException {
        try (Connection c = database.connection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                for (Bar bar : bars) {
                    bind(ps, bar);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void bind(PreparedStatement ps, Bar bar) throws SQLException {
        ps.setString(1, bar.symbol());
        ps.setString(2, bar.interval().label());
        ps.setObject(3, OffsetDateTime.ofInstant(Instant.ofEpochMilli(bar.openTime()), ZoneOffset.UTC));
        ps.setBigDecimal(4, bar.open());
        ps.setBigDecimal(5, bar.high());
        ps.setBigDecimal(6, bar.low());
        ps.setBigDecimal(7, bar.close());
        ps.setBigDecimal(8, bar.volume());
        if (bar.vwap() == null) {
            ps.setNull(9, Types.NUMERIC);
        } else {
            ps.setBigDecimal(9, bar.vwap());
        }
        if (bar.trades() == null) {
            ps.setNull(10, Types.BIGINT);
        } else {
            ps.setLong(10, bar.trades());
        }
        ps.setString(11, bar.quality().label());
        ps.setInt(12, bar.revision());
    }
}
