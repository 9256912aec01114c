package io.caravan.kline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.simulator.SimulatorService;
import io.caravan.sink.SinkDrain;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.Http;
import io.caravan.support.OutputBars;
import io.caravan.tick.TickValidator;

/**
 * Kline polls of a provider other than Finnhub against the simulator's answer in that provider's format, over real
 * HTTP into real PostgreSQL: the exchange bars equal the simulator's minute bars, computed here from the trades,
 * with what the provider's klines carry (VWAP from the quote volume or turnover; a trade count only where the
 * provider reports one, else NULL), and the simulator's faults are handled as for Finnhub.
 */
abstract class ProviderKlinesTest {

    @Inject
    SimulatorService simulator;
    @Inject
    TickValidator validator;
    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;
    @Inject
    ProducerTemplate producer;
    @Inject
    KlineStats stats;

    private static Map<String, ExpectedBar> expected;
    private static Class<?> expectedFor;

    abstract KlineRun run();

    abstract String provider();

    /** The simulator's symbol (AAPL, MSFT) of a stored bar's symbol. */
    abstract String simulatorSymbol(String barSymbol);

    abstract boolean reportsTradeCount();

    @BeforeEach
    void replayed() throws Exception {
        if (expectedFor != getClass()) {
            expected = run().awaitReplay(simulator, validator, camel, clock, sinks);
            expectedFor = getClass();
        }
        assertEquals(200, Http.post(run().sim() + "/sim/candle/reset", "").status());
    }

    @Test
    void aPollStoresTheSimulatorsMinuteBarsWithWhatTheProviderCarries() throws Exception {
        long failures = stats.get(KlineStats.FAILED) + stats.get(KlineStats.REJECTED);
        round();
        round(); // the same klines again replace, never add
        sinks.awaitDrained(Duration.ofSeconds(30));
        Map<String, ExpectedBar> stored = new TreeMap<>();
        try (Connection c = OutputBars.connect(run().jdbcUrl(), "postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, \"interval\", open_time, open, high, low, close, "
                        + "volume, vwap, trade_count, provider, source FROM exchange_bars")) {
            while (rs.next()) {
                assertEquals(provider(), rs.getString("provider"));
                assertEquals("rest", rs.getString("source"));
                Long trades = rs.getObject("trade_count") == null ? null : rs.getLong("trade_count");
                if (!reportsTradeCount()) {
                    assertNull(trades, provider() + " klines carry no trade count");
                }
                String key = ExpectedBars.key(simulatorSymbol(rs.getString(1)), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant());
                assertTrue(stored.put(key, new ExpectedBar(rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        trades == null ? 0 : trades)) == null, "one row per bar: " + key);
            }
        }
        OutputBars.assertSameBars(expectedBars(), stored, provider() + " exchange_bars");
        assertEquals(failures, stats.get(KlineStats.FAILED) + stats.get(KlineStats.REJECTED));
    }

    @Test
    void aServerErrorIsRetriedAndACutOffAnswerGoesToTheDeadLetter() throws Exception {
        long retries = stats.get(KlineStats.RETRIES);
        long rejected = stats.get(KlineStats.REJECTED);
        deleteExchangeBars();
        assertEquals(200, Http.post(run().sim() + "/sim/candle/fail?status=503&count=1", "").status());
        assertEquals(200, Http.post(run().sim() + "/sim/candle/malformed?count=1", "").status());
        round(); // the first symbol: 503, then the cut-off answer; the second symbol as usual
        assertEquals(retries + 1, stats.get(KlineStats.RETRIES));
        assertEquals(rejected + 1, stats.get(KlineStats.REJECTED));
        assertTrue(deadLetters().stream().anyMatch(l -> l.contains("\"reason\":\"malformed\"")), "dead letter");
        assertEquals(KlineRun.MINUTES, exchangeBarRows(), "only the second symbol's bars");
    }

    /** The bars of the trades as the provider reports them: a trade count only where it has one. */
    private Map<String, ExpectedBar> expectedBars() {
        Map<String, ExpectedBar> bars = new TreeMap<>();
        expected.forEach((k, b) -> bars.put(k, reportsTradeCount() ? b
                : new ExpectedBar(b.open(), b.high(), b.low(), b.close(), b.volume(), b.vwap(), 0)));
        return bars;
    }

    void round() {
        producer.sendBody("direct:klines-round", null);
    }

    private void deleteExchangeBars() throws Exception {
        try (Connection c = OutputBars.connect(run().jdbcUrl(), "postgres"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM exchange_bars");
        }
    }

    private long exchangeBarRows() throws Exception {
        sinks.awaitDrained(Duration.ofSeconds(30));
        try (Connection c = OutputBars.connect(run().jdbcUrl(), "postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM exchange_bars")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> deadLetters() {
        Path file = run().data().resolve("dead-letter/ticks-" + LocalDate.now() + ".ndjson");
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
