package io.caravan.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.sink.BarDatabase;

/** Closed bars read back from the JDBC sink's table {@code bars}, including those of earlier runs. */
@ApplicationScoped
public class StoredBars {

    private static final String QUERY = "SELECT open_time, open, high, low, close, volume, vwap, trade_count, quality FROM bars "
            + "WHERE symbol = ? AND \"interval\" = ? AND open_time >= ? AND open_time < ? "
            + "ORDER BY open_time DESC LIMIT ?";

    /** Bounds for an open-ended range that every database accepts as a timestamp. */
    private static final long EARLIEST = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();

    private final BarDatabase database;

    public StoredBars(BarDatabase database) {
        this.database = database;
    }

    /** Bars in the query's range, newest {@code limit}, oldest first. */
    public List<BarView> find(String symbol, BarQuery query) throws SQLException {
        List<BarView> bars = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, symbol);
            ps.setString(2, query.interval().label());
            ps.setObject(3, timestamp(Math.max(query.from(), EARLIEST)));
            ps.setObject(4, timestamp(Math.min(query.to(), LATEST)));
            ps.setInt(5, query.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bars.add(new BarView(rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli(),
                            rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getObject(8, Long.class), true,
                            rs.getString(9)));
                }
            }
        }
        Collections.reverse(bars);
        return bars;
    }

    private static OffsetDateTime timestamp(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
