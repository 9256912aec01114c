package io.caravan.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.caravan.CaravanConfig;

/**
 * The bars database, chosen at runtime by {@code caravan.jdbc.url} (PostgreSQL, or by default an embedded H2 file
 * under the data dir): both drivers are in the build, so switching needs no rebuild. Opened on first use.
 */
@ApplicationScoped
public class BarDatabase {

    public enum Dialect {
        POSTGRESQL("org.postgresql.Driver"),
        H2("org.h2.Driver");

        final String driver;

        Dialect(String driver) {
            this.driver = driver;
        }
    }

    private final String url;
    private final String username;
    private final String password;
    private final Dialect dialect;
    private AgroalDataSource dataSource;
    private boolean tableReady;

    public BarDatabase(CaravanConfig config) {
        this.url = config.jdbc().url().filter(u -> !u.isBlank())
                .orElse("jdbc:h2:file:" + Path.of(config.dataDir()).toAbsolutePath().resolve("caravan"));
        this.username = config.jdbc().username().orElse(null);
        this.password = config.jdbc().password().orElse(null);
        this.dialect = dialectOf(url);
    }

    static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return Dialect.H2;
        }
        throw new IllegalArgumentException("caravan.jdbc.url: only jdbc:postgresql: and jdbc:h2: are supported");
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A pooled connection; the table is created on the first one that works (the database may start later). */
    public synchronized Connection connection() throws SQLException {
        if (dataSource == null) {
            dataSource = open();
        }
        if (!tableReady) {
            createTable();
            tableReady = true;
        }
        return dataSource.getConnection();
    }

    private AgroalDataSource open() throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier();
        config.connectionPoolConfiguration(pool -> pool.minSize(0).maxSize(4).acquisitionTimeout(Duration.ofSeconds(10))
                // a restart of the database leaves the pool's connections dead: a connection idle for a second is
                // checked before it is handed out, all are checked in the background, and one that failed with a
                // connection error is discarded instead of going back to the pool
                .connectionValidator(ConnectionValidator.defaultValidator())
                .idleValidationTimeout(Duration.ofSeconds(1))
                .validationTimeout(Duration.ofSeconds(30))
                .exceptionSorter(BarDatabase::connectionLost)
                .connectionFactoryConfiguration(factory -> {
                    // named, not looked up through DriverManager: class loaders differ between JVM, tests and native
                    factory.jdbcUrl(url).connectionProviderClassName(dialect.driver);
                    if (username != null) {
                        factory.principal(new NamePrincipal(username));
                    }
                    if (password != null) {
                        factory.credential(new SimplePassword(password));
                    }
                    return factory;
                }));
        return AgroalDataSource.from(config);
    }

    /**
     * Whether a connection that threw this is beyond use. Agroal's own PostgreSQL sorter knows only 08006; after a
     * restart PostgreSQL's driver reports 08003 ("This connection has been closed") and the server 57P01.
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    private void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bars ("
                    + "symbol VARCHAR(64) NOT NULL, "
                    + "\"interval\" VARCHAR(8) NOT NULL, "
                    + "open_time TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + priceColumns()
                    + "trade_count BIGINT, "
                    + "quality VARCHAR(16) NOT NULL DEFAULT 'live', "
                    + "revision INTEGER NOT NULL DEFAULT 0, "
                    + "PRIMARY KEY (symbol, \"interval\", open_time))");
            // tables made by an earlier version lack the columns of gap-fill
            s.execute("ALTER TABLE bars ADD COLUMN IF NOT EXISTS quality VARCHAR(16) NOT NULL DEFAULT 'live'");
            s.execute("ALTER TABLE bars ADD COLUMN IF NOT EXISTS revision INTEGER NOT NULL DEFAULT 0");
            // an unknown trade count (a bar taken from a kline without one) is NULL
            s.execute("ALTER TABLE bars ALTER COLUMN trade_count DROP NOT NULL");
        }
    }

    /** {@code open, high, low, close, volume} (exact, not null) and {@code vwap} (exact, nullable), in this dialect. */
    public String priceColumns() {
        String number = dialect == Dialect.H2 ? "DECFLOAT" : "NUMERIC";
        return "open " + number + " NOT NULL, high " + number + " NOT NULL, low " + number + " NOT NULL, "
                + "close " + number + " NOT NULL, volume " + number + " NOT NULL, vwap " + number + ", ";
    }

    @PreDestroy
    synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
