package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.sink.SinkDrain;
import io.caravan.support.DroppingExchange;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanDay;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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

    static DroppingExchange exchange;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = DroppingExchange.caravanSettings(SIM_PORT, DATA, PG_SCHEMA);
            // one symbol over each provider's protocol: Finnhub's tick endpoint and Binance's aggTrades fill the gaps
            config.put("caravan.feeds", "finnhub,binance");
            config.put("caravan.feed.finnhub.symbols", LeanDay.SYMBOLS.get(0));
            config.put("caravan.feed.binance.symbols", LeanDay.SYMBOLS.get(1));
            config.put("caravan.gap-fill.finnhub-url", "http://127.0.0.1:" + SIM_PORT);
            // two feeds share the event clock: at 30x the default 2 s of grace are 67 ms of wall time, less than one
            // feed may lag the other on a loaded machine (its trades were then refused as late); 30 s are 1 s
            config.put("caravan.bars.grace", "30s");
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
     * The exchange opens and keeps caravan out for 4 s while it trades: caravan, running and retrying since before,
     * gets in mid-interval. The first fetches of trades fail: a 503, a 429 asking for 1 s, a cut-off answer; each is
     * tried again.
     */
    private static void openTheMarketWithoutCaravan(List<TestTrade> trades) throws Exception {
        exchange = DroppingExchange.openWithoutCaravan(SIM_PORT, INPUT, trades, LeanDay.SYMBOLS.get(0));
        assertEquals(200, post("/sim/trades/fail?status=503").statusCode());
        assertEquals(200, post("/sim/trades/fail?status=429&retryAfter=1").statusCode());
        assertEquals(200, post("/sim/trades/malformed").statusCode());
    }

    /**
     * Once the market has finished: waits until the gap-fill queue is empty and nothing is in flight, closes the bars
     * still open and waits for the sinks to write them.
     */
    static void settle(CamelContext camel, String gapQueue, BarClock clock, SinkDrain sinks)
            throws InterruptedException {
        SedaEndpoint queue = camel.getEndpoint(gapQueue, SedaEndpoint.class);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(2))
                .until(() -> queue.getCurrentQueueSize() == 0 && camel.getInflightRepository().size() == 0);
        clock.flush();
        assertTrue(sinks.awaitDrained(Duration.ofMinutes(1)));
    }

    @Test
    void barsAfterALateStartAndDroppedConnectionsEqualThoseOfAnUndisturbedRun() throws Exception {
        List<TestTrade> trades = slice();
        openTheMarketWithoutCaravan(trades);
        exchange.replayFinished(Duration.ofMinutes(2));
        // the last gap is filled once the feed has its first trade after the last drop; then all is quiet
        settle(camel, GapFill.QUEUE, clock, sinks);

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER),
                "PostgreSQL");
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused, nothing filled twice");

        try (Connection c = OutputBars.connect(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER);
                Statement s = c.createStatement()) {
            // the bars caravan started in the middle of, and those of the gaps, hold fetched trades
            assertTrue(OutputBars.count(s, "SELECT count(*) FROM bars WHERE quality = 'backfilled' AND \"interval\" = '1m'") >= 5);
            // bars written before a gap was filled were rewritten: the drops cut into minutes already under way
            for (String symbol : LeanDay.SYMBOLS) {
                assertTrue(OutputBars.count(s, "SELECT count(*) FROM bars WHERE revision > 0 AND symbol = '" + symbol + "'") >= 1,
                        symbol + ": bars rewritten by gap-fill");
            }
            long firstMinute = Math.floorDiv(trades.get(0).ts(), 60_000L) * 60_000L;
            try (ResultSet rs = s.executeQuery("SELECT quality FROM bars WHERE \"interval\" = '1m' AND symbol = '"
                    + trades.get(0).symbol() + "' AND open_time = to_timestamp(" + firstMinute / 1000 + ")")) {
                assertTrue(rs.next());
                assertEquals("backfilled", rs.getString(1), "the first minute traded before caravan ran");
            }
        }
        assertTrue(post("/sim/trades/reset").body().contains("\"pending\":0"), "every fault was met and got past");
        assertEquals(400, post("/sim/drop?for=soon").statusCode());
        assertEquals(405, exchange.get("/sim/drop").statusCode());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return exchange.post(path);
    }

    @AfterAll
    static void closeTheExchange() {
        if (exchange != null) {
            exchange.close();
        }
    }
}
