package io.caravan.kline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.BarClock;
import io.caravan.reconcile.ReconcileStats;
import io.caravan.simulator.SimulatorService;
import io.caravan.sink.SinkDrain;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.Http;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisChannelRecorder;
import io.caravan.support.RedisTestClient;
import io.caravan.tick.TickValidator;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * REST klines and reconciliation against the built-in simulator over real HTTP, with every built-in sink on real
 * PostgreSQL and Redis. The simulator replays trades of the last five minutes over its WebSocket (caravan builds bars
 * from them) and answers Finnhub's candle endpoint from the same trades, so the exchange bars must equal the candles
 * the test computes, and the reconciliation must find nothing until the simulator is told to lie. Faults (429 with
 * Retry-After, 503, 403, cut-off JSON) are injected through the simulator's {@code /sim/candle/*} endpoints. The
 * schedules are set far in the future: the test starts the rounds itself, so each sees only its own faults.
 */
@QuarkusTest
@TestProfile(KlinesTest.Profile.class)
@WithTestResource(value = RedisChannelRecorder.class, initArgs = {
        @ResourceArg(name = "prefix", value = KlinesTest.PREFIX), @ResourceArg(name = "patterns", value = "xbars:*") })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KlinesTest {

    static final KlineRun RUN = new KlineRun("klines", 18779);
    static final Path DATA = RUN.data();
    static final String PG = KlineRun.PG;
    static final String PG_SCHEMA = RUN.schema();
    static final String PREFIX = "test:klines:";
    static final String SIM = RUN.sim();
    static final List<String> SYMBOLS = KlineRun.SYMBOLS;
    static final int MINUTES = KlineRun.MINUTES;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = RUN.config("finnhub", "AAPL,MSFT,NODATA", PREFIX);
            config.put("caravan.reconcile.enabled", "true");
            config.put("caravan.reconcile.cron", "0 0 0 1 1 ? 2099");
            config.put("caravan.reconcile.lookback", "30m");
            config.put("caravan.reconcile.correct", "true");
            return config;
        }
    }

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
    @Inject
    ReconcileStats reconcileStats;

    private static Map<String, ExpectedBar> expected;

    @BeforeEach
    void replayedAndReset() throws Exception {
        if (expected == null) {
            expected = RUN.awaitReplay(simulator, validator, camel, clock, sinks);
            assertEquals(200, Http.post(SIM + "/sim/candle/reset", "").status());
            round(); // creates table exchange_bars
        }
        assertEquals(200, Http.post(SIM + "/sim/candle/reset", "").status());
    }

    @Test
    void aPollStoresTheCandlesAsExchangeBarsApartFromTickBars() throws Exception {
        long noData = stats.get(KlineStats.NO_DATA);
        long failures = stats.get(KlineStats.FAILED) + stats.get(KlineStats.REJECTED);
        round();
        round(); // the same klines again replace, never add
        assertEquals(noData + 2, stats.get(KlineStats.NO_DATA), "NODATA answered {\"s\":\"no_data\"} twice");
        sinks.awaitDrained(Duration.ofSeconds(30));

        // PostgreSQL: table exchange_bars, provider and source named, unknown VWAP and trade count NULL
        Map<String, ExpectedBar> stored = new TreeMap<>();
        try (Connection c = OutputBars.connect(PG + "?currentSchema=" + PG_SCHEMA, "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, \"interval\", open_time, open, high, low, close, volume, "
                        + "vwap, trade_count, provider, source, fetched_at FROM exchange_bars")) {
            while (rs.next()) {
                assertEquals("finnhub", rs.getString("provider"));
                assertEquals("rest", rs.getString("source"));
                assertNull(rs.getBigDecimal("vwap"), "Finnhub candles carry no VWAP");
                assertNull(rs.getObject("trade_count"), "Finnhub candles carry no trade count");
                assertTrue(rs.getObject("fetched_at", OffsetDateTime.class).toInstant()
                        .isAfter(Instant.now().minusSeconds(120)));
                stored.put(ExpectedBars.key(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()), candle(rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
            }
        }
        OutputBars.assertSameBars(candles(), stored, "exchange_bars");
        // the tick bars are in their own table, with VWAP and trade count
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PG + "?currentSchema=" + PG_SCHEMA, "postgres"), "bars");

        // CSV: exchange-bars/1m/<SYMBOL>_1m.csv, the bars CSV's header, empty VWAP and trade count, one line a minute
        Map<String, ExpectedBar> csv = new TreeMap<>();
        for (String symbol : SYMBOLS) {
            List<String> lines = Files.readAllLines(DATA.resolve("exchange-bars/1m/" + symbol + "_1m.csv"));
            assertEquals(OutputBars.CSV_HEADER, lines.get(0));
            assertEquals(MINUTES + 1, lines.size(), "a kline fetched twice has one line: " + lines);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                assertEquals(8, f.length, line);
                assertEquals("", f[5], "vwap unknown: " + line);
                assertEquals("", f[7], "num_transactions unknown: " + line);
                csv.put(ExpectedBars.key(symbol, "1m", Instant.parse(f[0])), candle(new BigDecimal(f[1]),
                        new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[6])));
            }
        }
        OutputBars.assertSameBars(candles(), csv, "exchange-bars CSV");
        assertTrue(Files.exists(DATA.resolve("bars/1m/AAPL_1m.csv")), "tick bars in their own CSV");
        assertFalse(Files.exists(DATA.resolve("exchange-bars/1m/NODATA_1m.csv")));

        // Redis: xbars:<interval>:<SYMBOL> sorted set, xbar:<interval>:<SYMBOL> latest hash, and the pubsub channel
        ObjectMapper json = new ObjectMapper();
        Map<String, ExpectedBar> redisBars = new TreeMap<>();
        try (RedisTestClient redis = RedisTestClient.connect()) {
            for (String symbol : SYMBOLS) {
                List<String> members = redis.zrange(PREFIX + "xbars:1m:" + symbol);
                assertEquals(MINUTES, members.size(), "one member per open time: " + members);
                for (String member : members) {
                    JsonNode bar = json.readTree(member);
                    assertEquals("rest", bar.get("source").asText());
                    assertTrue(bar.get("vwap").isNull());
                    redisBars.put(ExpectedBars.key(symbol, "1m", Instant.parse(bar.get("open_time").asText())),
                            candle(bar));
                }
                Map<String, String> latest = redis.hgetall(PREFIX + "xbar:1m:" + symbol);
                assertEquals("finnhub", latest.get("provider"));
                assertEquals("rest", latest.get("source"));
                assertFalse(latest.containsKey("vwap"), "unknown fields are left out: " + latest);
                assertEquals(String.valueOf(lastMinute()), latest.get("open_time_ms"));
                assertFalse(redis.zrange(PREFIX + "bars:1m:" + symbol).isEmpty(), "tick bars under their own key");
            }
        }
        OutputBars.assertSameBars(candles(), redisBars, "Redis xbars");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RedisChannelRecorder.MESSAGES.stream()
                .filter(m -> m.channel().equals(PREFIX + "xbars:1m:AAPL")).count() >= 2L * MINUTES);

        assertTrue(deadLetters().stream().noneMatch(r -> r.get("raw").asText().contains("no_data")),
                "no_data is not an error: " + deadLetters());
        assertEquals(failures, stats.get(KlineStats.FAILED) + stats.get(KlineStats.REJECTED), "no_data is no failure");
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetriedThenThePollSucceeds() throws Exception {
        long retries = stats.get(KlineStats.RETRIES);
        long failed = stats.get(KlineStats.FAILED);
        deleteExchangeBars("AAPL");

        Http.Answer answer = Http.post(SIM + "/sim/candle/fail?status=429&retryAfter=1&count=2", "");
        assertEquals(200, answer.status());
        long requestsBefore = answer.body().get("requests").asLong();
        long started = System.nanoTime();
        round();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 2000, "Retry-After: 1 honoured twice, the round took " + tookMillis + " ms");
        assertEquals(retries + 2, stats.get(KlineStats.RETRIES));
        assertEquals(failed, stats.get(KlineStats.FAILED), "nothing given up");
        assertEquals(requestsBefore + 3 + 2, requests(), "3 symbols + 2 retries reached the simulator");
        assertEquals(MINUTES, exchangeBarRows("AAPL"), "AAPL stored after its retries");

        deleteExchangeBars("AAPL");
        assertEquals(200, Http.post(SIM + "/sim/candle/fail?status=503&count=2", "").status());
        round();
        assertEquals(retries + 4, stats.get(KlineStats.RETRIES));
        assertEquals(failed, stats.get(KlineStats.FAILED));
        assertEquals(MINUTES, exchangeBarRows("AAPL"), "AAPL stored after two 503s");

        // more 503s than retries: the symbol gives up for this round, the next symbols still go
        assertEquals(200, Http.post(SIM + "/sim/candle/fail?status=503&count=4", "").status());
        deleteExchangeBars("MSFT");
        round();
        assertEquals(failed + 1, stats.get(KlineStats.FAILED));
        assertEquals(MINUTES, exchangeBarRows("MSFT"), "MSFT fetched after AAPL gave up");
    }

    @Test
    void aForbiddenSymbolIsLeftAloneForItsBackoff() throws Exception {
        long forbidden = stats.get(KlineStats.FORBIDDEN);
        long skipped = stats.get(KlineStats.SKIPPED);
        assertEquals(200, Http.post(SIM + "/sim/candle/fail?status=403&count=1", "").status());
        round();
        assertEquals(forbidden + 1, stats.get(KlineStats.FORBIDDEN));
        long before = requests();
        round();
        assertEquals(skipped + 1, stats.get(KlineStats.SKIPPED), "AAPL not asked during its backoff");
        assertEquals(before + 2, requests(), "only MSFT and NODATA were asked");
        Thread.sleep(2100); // caravan.klines.forbidden-backoff=2s
        deleteExchangeBars("AAPL");
        round();
        assertEquals(MINUTES, exchangeBarRows("AAPL"), "asked again after the backoff");
    }

    @Test
    void malformedKlineJsonGoesToTheDeadLetterWithItsReason() throws Exception {
        long rejected = stats.get(KlineStats.REJECTED);
        assertEquals(200, Http.post(SIM + "/sim/candle/malformed?count=1", "").status());
        deleteExchangeBars("MSFT");
        round();
        assertEquals(rejected + 1, stats.get(KlineStats.REJECTED));
        List<JsonNode> records = deadLetters();
        JsonNode record = records.stream().filter(r -> r.get("raw").asText().startsWith("{\"c\":[1.5,1.6]")).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with the cut-off body: " + records));
        assertEquals("malformed", record.get("reason").asText());
        assertEquals(MINUTES, exchangeBarRows("MSFT"), "the next symbol is fetched as usual");
    }

    /** Last: its corrections rewrite AAPL's bars, which the other tests compare with the trades. */
    @Test
    @Order(Integer.MAX_VALUE)
    void reconciliationFindsNothingUntilTheProviderLiesThenLogsCountsWritesAndCorrects() throws Exception {
        round();
        sinks.awaitDrained(Duration.ofSeconds(30));
        long mismatches = reconcileStats.mismatches();
        long compared = reconcileStats.barsCompared();
        producer.sendBody("direct:reconcile-round", null);
        assertEquals(compared + SYMBOLS.size() * MINUTES, reconcileStats.barsCompared(), "every closed bar compared");
        assertEquals(mismatches, reconcileStats.mismatches(), "bars from the same trades agree: " + mismatchFile());

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                        : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.caravan.reconcile.Reconciler");
        logger.addHandler(capture);
        long corrections = reconcileStats.corrections();
        int linesBefore = mismatchFile().size();
        try {
            assertEquals(200, Http.post(SIM + "/sim/candle/lie?symbol=AAPL&percent=1", "").status());
            producer.sendBody("direct:reconcile-round", null);
        } finally {
            logger.removeHandler(capture);
            Http.post(SIM + "/sim/candle/reset", "");
        }
        // open, high, low and close of every AAPL minute are 1 % off; volume agrees
        long found = reconcileStats.mismatches() - mismatches;
        assertEquals(4L * MINUTES, found);
        List<JsonNode> records = mismatchFile().subList(linesBefore, mismatchFile().size());
        assertEquals(found, records.size());
        for (JsonNode r : records) {
            assertEquals("AAPL", r.get("symbol").asText());
            assertEquals("finnhub", r.get("provider").asText());
            assertTrue(List.of("open", "high", "low", "close").contains(r.get("field").asText()), r.toString());
        }
        long minute = lastMinute();
        ExpectedBar ours = expected.get(ExpectedBars.key("AAPL", "1m", Instant.ofEpochMilli(minute)));
        BigDecimal lie = ours.close().multiply(new BigDecimal("1.01"), MathContext.DECIMAL64);
        JsonNode close = records.stream().filter(r -> r.get("field").asText().equals("close")
                && r.get("open_time").asText().equals(Instant.ofEpochMilli(minute).toString())).findFirst().orElseThrow();
        assertEquals(0, ours.close().compareTo(new BigDecimal(close.get("ours").asText())));
        assertEquals(0, lie.compareTo(new BigDecimal(close.get("theirs").asText())));
        String line = "Reconcile mismatch AAPL 1m " + Instant.ofEpochMilli(minute) + " close: ours "
                + close.get("ours").asText() + " vs finnhub " + close.get("theirs").asText();
        assertTrue(logged.stream().anyMatch(l -> l.startsWith(line)), "logged: " + line + " in " + logged);

        // caravan.reconcile.correct=true: the provider's kline is written as the exchange bar, once per bar
        assertEquals(corrections + MINUTES, reconcileStats.corrections());
        sinks.awaitDrained(Duration.ofSeconds(30));
        try (Connection c = OutputBars.connect(PG + "?currentSchema=" + PG_SCHEMA, "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT close FROM exchange_bars WHERE symbol = 'AAPL' AND open_time = '"
                        + Instant.ofEpochMilli(minute) + "'")) {
            assertTrue(rs.next());
            assertEquals(0, lie.compareTo(rs.getBigDecimal(1)), "the correction stored the provider's close");
        }
        // ... and rewrote the bar built from ticks as its next revision, in every sink: the provider's prices, and
        // the trade count and VWAP that Finnhub candles do not carry are unknown now, not left as they were
        try (Connection c = OutputBars.connect(PG + "?currentSchema=" + PG_SCHEMA, "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT close, volume, vwap, trade_count, quality, revision FROM bars "
                        + "WHERE symbol = 'AAPL' AND \"interval\" = '1m' AND open_time = '" + Instant.ofEpochMilli(minute)
                        + "'")) {
            assertTrue(rs.next());
            assertEquals(0, lie.compareTo(rs.getBigDecimal("close")), "the bar holds the provider's close");
            assertEquals(0, ours.volume().compareTo(rs.getBigDecimal("volume")));
            assertNull(rs.getObject("vwap"), "VWAP unknown");
            assertNull(rs.getObject("trade_count"), "trade count unknown");
            assertEquals("backfilled", rs.getString("quality"));
            assertEquals(1, rs.getInt("revision"));
        }
        // CSV columns: timestamp, open, high, low, close, vwap, volume, num_transactions; the row replaced, not added
        List<String[]> rows = Files.readAllLines(DATA.resolve("bars/1m/AAPL_1m.csv")).stream()
                .filter(l -> l.startsWith(Instant.ofEpochMilli(minute).toString())).map(l -> l.split(",", -1)).toList();
        assertEquals(1, rows.size(), "one row for the minute");
        String[] row = rows.get(0);
        assertEquals(0, lie.compareTo(new BigDecimal(row[4])), "the CSV row holds the provider's close");
        assertEquals("", row[5], "VWAP unknown");
        assertEquals(0, ours.volume().compareTo(new BigDecimal(row[6])));
        assertEquals("", row[7], "trade count unknown");
    }

    // ---- helpers

    private void round() {
        producer.sendBody("direct:klines-round", null);
    }

    private static long requests() {
        return Http.post(SIM + "/sim/candle/reset", "").body().get("requests").asLong();
    }

    /** The candles the simulator must answer: the test's own bars without VWAP and trade count. */
    private static Map<String, ExpectedBar> candles() {
        Map<String, ExpectedBar> candles = new TreeMap<>();
        expected.forEach((k, b) -> candles.put(k, candle(b.open(), b.high(), b.low(), b.close(), b.volume())));
        return candles;
    }

    private static ExpectedBar candle(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, BigDecimal v) {
        return new ExpectedBar(o, h, l, c, v, null, 0);
    }

    private static ExpectedBar candle(JsonNode bar) {
        return candle(new BigDecimal(bar.get("open").asText()), new BigDecimal(bar.get("high").asText()),
                new BigDecimal(bar.get("low").asText()), new BigDecimal(bar.get("close").asText()),
                new BigDecimal(bar.get("volume").asText()));
    }

    private static long lastMinute() {
        return expected.keySet().stream().map(k -> Instant.parse(k.substring(k.lastIndexOf('|') + 1)).toEpochMilli())
                .max(Long::compare).orElseThrow();
    }

    private static void deleteExchangeBars(String symbol) throws Exception {
        try (Connection c = OutputBars.connect(PG + "?currentSchema=" + PG_SCHEMA, "postgres");
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM exchange_bars WHERE symbol = '" + symbol + "'");
        }
    }

    private long exchangeBarRows(String symbol) throws Exception {
        sinks.awaitDrained(Duration.ofSeconds(30));
        try (Connection c = OutputBars.connect(PG + "?currentSchema=" + PG_SCHEMA, "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM exchange_bars WHERE symbol = '" + symbol + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<JsonNode> deadLetters() {
        return ndjson(DATA.resolve("dead-letter/ticks-" + LocalDate.now() + ".ndjson"));
    }

    private static List<JsonNode> mismatchFile() {
        return ndjson(DATA.resolve("reconcile/mismatches-" + LocalDate.now() + ".ndjson"));
    }

    private static List<JsonNode> ndjson(Path file) {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    records.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
