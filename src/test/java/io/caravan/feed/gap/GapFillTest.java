package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorSettings;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * Issue 4's "done when", in one run: an exchange (the simulator, in a process of its own as far as caravan knows)
 * replays 20 minutes of real trades at 30× and drops every connection every 15 s, refusing new ones for 3 s (90 s of
 * market time); caravan gets in only 4 s (2 minutes of market) after the market opened, in the middle of its first
 * bars, as a process restarted after a kill would. AIG comes over
 * Finnhub's protocol (gaps from the tick endpoint), BAC over Binance's (gaps from aggTrades). Start-up backfill and
 * gap-fill must make the bars in PostgreSQL and the CSV files equal those computed from all the trades the market
 * made, as if nothing had happened.
 */
@QuarkusTest
@TestProfile(GapFillTest.Profile.class)
class GapFillTest {


    static final int SIM_PORT = 18802;
    static final Path DATA = Path.of("target/test-data/gap-fill");
    static final Path INPUT = Path.of("target/test-data/lean-20131007-0930-20min.csv");
    static final String PG_SCHEMA = "caravan_gap_fill";
    static final Duration SLICE = Duration.ofMinutes(20);

    static Vertx vertx;
    static ExchangeSimulator exchange;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = new TreeMap<>();
            // one symbol over each provider's protocol: Finnhub's tick endpoint and Binance's aggTrades fill the gaps
            config.put("caravan.feeds", "finnhub,binance");
            config.put("caravan.feed.finnhub.symbols", LeanDay.SYMBOLS.get(0));
            config.put("caravan.feed.binance.symbols", LeanDay.SYMBOLS.get(1));
            config.put("caravan.finnhub.url", "ws://127.0.0.1:" + SIM_PORT + "/");
            config.put("caravan.finnhub.reconnect-initial-delay", "500");
            config.put("caravan.finnhub.reconnect-max-delay", "2000");
            config.put("caravan.binance.url", "ws://127.0.0.1:" + SIM_PORT);
            config.put("caravan.binance.reconnect-initial-delay", "500");
            config.put("caravan.binance.reconnect-max-delay", "2000");
            config.put("caravan.gap-fill.finnhub-url", "http://127.0.0.1:" + SIM_PORT);
            config.put("caravan.symbols", String.join(",", LeanDay.SYMBOLS));
            config.put("caravan.bars.clock", "event");
            config.put("caravan.sinks", "csv,jdbc");
            config.put("caravan.jdbc.url", PostgresSchema.fresh(PG_SCHEMA));
            config.put("caravan.jdbc.username", PostgresSchema.USER);
            config.put("caravan.data-dir", DATA.toString());
            return config;
        }
    }

    /** The first 20 minutes of regular trading, 09:30 New York. */
    static List<TestTrade> slice() {
        long start = java.time.Instant.parse("2013-10-07T13:30:00Z").toEpochMilli();
        long end = start + SLICE.toMillis();
        return LeanDay.trades().stream().filter(t -> t.ts() >= start && t.ts() < end).toList();
    }

    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;

    /**
     * The exchange opens (a first client subscribes) and then refuses every connection for 4 s (2 minutes of its
     * market) while it trades: caravan, running and retrying since before, gets in mid-interval.
     */
    private static void openTheMarketWithoutCaravan(List<TestTrade> trades) throws Exception {
        if (!Files.exists(INPUT)) {
            LeanTicks.writeReplayCsv(trades, INPUT);
        }
        vertx = Vertx.vertx();
        exchange = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", SIM_PORT, List.of(),
                Optional.of(INPUT), "30", Duration.ofMillis(500), 5, Duration.ofSeconds(30), Optional.empty(),
                SimulatorSettings.DEFAULT_BINANCE_PING_INTERVAL, Optional.of(Duration.ofSeconds(15)),
                Duration.ofSeconds(3)));
        exchange.start();
        WebSocket first = vertx.createWebSocketClient().connect(SIM_PORT, "127.0.0.1", "/")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.textMessageHandler(frame -> {
        });
        first.writeTextMessage("{\"type\":\"subscribe\",\"symbol\":\"" + LeanDay.SYMBOLS.get(0) + "\"}")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, post("/sim/drop?for=4s").statusCode());
    }

    @Test
    void barsAfterALateStartAndDroppedConnectionsEqualThoseOfAnUndisturbedRun() throws Exception {
        List<TestTrade> trades = slice();
        openTheMarketWithoutCaravan(trades);
        exchange.fileReplayFinished().get(2, TimeUnit.MINUTES);
        // the last gap is filled once the feed has its first trade after the last drop; then all is quiet
        SedaEndpoint gapQueue = camel.getEndpoint(GapFill.QUEUE, SedaEndpoint.class);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(2))
                .until(() -> gapQueue.getCurrentQueueSize() == 0 && camel.getInflightRepository().size() == 0);
        clock.flush();
        assertTrue(sinks.awaitDrained(Duration.ofMinutes(1)));

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER),
                "PostgreSQL");
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused, nothing filled twice");

        try (Connection c = OutputBars.connect(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER);
                Statement s = c.createStatement()) {
            // the bars caravan started in the middle of, and those of the gaps, hold fetched trades
            assertTrue(count(s, "SELECT count(*) FROM bars WHERE quality = 'backfilled' AND \"interval\" = '1m'") >= 5);
            // bars written before a gap was filled were rewritten: the drops cut into minutes already under way
            for (String symbol : LeanDay.SYMBOLS) {
                assertTrue(count(s, "SELECT count(*) FROM bars WHERE revision > 0 AND symbol = '" + symbol + "'") >= 1,
                        symbol + ": bars rewritten by gap-fill");
            }
            long firstMinute = Math.floorDiv(trades.get(0).ts(), 60_000L) * 60_000L;
            try (ResultSet rs = s.executeQuery("SELECT quality FROM bars WHERE \"interval\" = '1m' AND symbol = '"
                    + trades.get(0).symbol() + "' AND open_time = to_timestamp(" + firstMinute / 1000 + ")")) {
                assertTrue(rs.next());
                assertEquals("backfilled", rs.getString(1), "the first minute traded before caravan ran");
            }
        }
        assertEquals(400, post("/sim/drop?for=soon").statusCode());
        assertEquals(405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + SIM_PORT + "/sim/drop")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SIM_PORT + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void closeTheExchange() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
