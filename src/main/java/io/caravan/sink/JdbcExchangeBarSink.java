package io.caravan.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;

/**
 * Exchange bars (providers' klines) upserted into table {@code exchange_bars} of the bars database: the columns of
 * {@code bars} plus {@code provider}, {@code source} ('rest' or 'stream') and {@code fetched_at}, keyed by
 * {@code (symbol, interval, open_time, provider)}, so the table {@code bars} and its key stay as they are.
 * {@code vwap} and {@code trade_count} are NULL when the provider does not report them.
 */
@ApplicationScoped
public class JdbcExchangeBarSink {

    public static final String TABLE = "exchange_bars";

    private static final String COLUMNS = "symbol, \"interval\", open_time, provider, source, open, high, low, close, "
            + "volume, vwap, trade_count, fetched_at";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final BarDatabase database;
    private final String upsert;
    private boolean tableReady;

    public JdbcExchangeBarSink(BarDatabase database) {
        this.database = database;
        this.upsert = switch (database.dialect()) {
            case POSTGRESQL -> "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (" + VALUES + ") "
                    + "ON CONFLICT (symbol, \"interval\", open_time, provider) DO UPDATE SET source = EXCLUDED.source, "
                    + "open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, "
                    + "volume = EXCLUDED.volume, vwap = EXCLUDED.vwap, trade_count = EXCLUDED.trade_count, "
                    + "fetched_at = EXCLUDED.fetched_at";
            case H2 -> "MERGE INTO " + TABLE + " (" + COLUMNS + ") KEY (symbol, \"interval\", open_time, provider) "
                    + "VALUES (" + VALUES + ")";
        };
    }

    public void write(KlineBatch batch) throws SQLException {
        if (batch.klines().isEmpty()) {
            return;
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            for (Kline k : batch.klines()) {
                ps.setString(1, k.symbol());
                ps.setString(2, k.interval().label());
                ps.setObject(3, timestamp(k.openTime()));
                ps.setString(4, k.provider());
                ps.setString(5, batch.source());
                ps.setBigDecimal(6, k.open());
                ps.setBigDecimal(7, k.high());
                ps.setBigDecimal(8, k.low());
                ps.setBigDecimal(9, k.close());
                ps.setBigDecimal(10, k.volume());
                if (k.vwap() == null) {
                    ps.setNull(11, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(11, k.vwap());
                }
                if (k.trades() == null) {
                    ps.setNull(12, Types.BIGINT);
                } else {
                    ps.setLong(12, k.trades());
                }
                ps.setObject(13, timestamp(batch.fetchedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private synchronized Connection connection() throws SQLException {
        Connection c = database.connection();
        if (!tableReady) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "symbol VARCHAR(64) NOT NULL, "
                        + "\"interval\" VARCHAR(8) NOT NULL, "
                        + "open_time TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "provider VARCHAR(32) NOT NULL, "
                        + "source VARCHAR(16) NOT NULL, "
                        + database.priceColumns()
                        + "trade_count BIGINT, "
                        + "fetched_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "PRIMARY KEY (symbol, \"interval\", open_time, provider))");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            tableReady = true;
        }
        return c;
    }

    private static OffsetDateTime timestamp(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
