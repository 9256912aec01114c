package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
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
 * Gap-fill and start-up backfill for a provider without a trades endpoint (the real Finnhub, AllTick): the same
 * dropping exchange as {@link GapFillTest}, with both symbols over Finnhub's protocol and
 * {@code caravan.gap-fill.source.finnhub=klines}. Every minute a gap touched is replaced by the provider's 1-minute
 * candle once it has closed; the candles' first fetches meet a 503, a 429 and a cut-off answer. Afterwards every bar
 * in PostgreSQL and the CSV files has the open, high, low, close and volume of the bar computed from all the trades
 * the market made; a bar that holds a candle has its VWAP and trade count unknown (Finnhub candles carry neither),
 * the others equal the computed bar in full.
 */
@QuarkusTest
@TestProfile(KlineGapFillTest.Profile.class)
class KlineGapFillTest {

    static final int SIM_PORT = 18803;
    static final Path DATA = Path.of("target/test-data/kline-gap-fill");
    static final String PG_SCHEMA = "caravan_kline_gap_fill";

    static DroppingExchange exchange;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = DroppingExchange.caravanSettings(SIM_PORT, DATA, PG_SCHEMA);
            config.put("caravan.feeds", "finnhub");
            config.put("caravan.gap-fill.source.finnhub", "klines");
            config.put("caravan.gap-fill.kline-url.finnhub", "http://127.0.0.1:" + SIM_PORT);
            return config;
        }
    }

    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;

    @Test
    void barsOfMinutesTheGapsTouchedAreTheProvidersCandlesTheRestEqualAnUndisturbedRun() throws Exception {
        List<TestTrade> trades = GapFillTest.slice();
        exchange = DroppingExchange.openWithoutCaravan(SIM_PORT, GapFillTest.INPUT, trades, LeanDay.SYMBOLS.get(0));
        assertEquals(200, exchange.post("/sim/candle/fail?status=503").statusCode());
        assertEquals(200, exchange.post("/sim/candle/fail?status=429&retryAfter=1").statusCode());
        assertEquals(200, exchange.post("/sim/candle/malformed").statusCode());
        exchange.replayFinished(Duration.ofMinutes(2));
        GapFillTest.settle(camel, GapFill.KLINE_QUEUE, clock, sinks);

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        Map<String, ExpectedBar> jdbc = OutputBars.fromJdbc(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER);
        int fromCandles = assertCandlesWhereGapsWereElseEqual(expected, jdbc, "PostgreSQL");
        assertEquals(fromCandles, assertCandlesWhereGapsWereElseEqual(expected, OutputBars.fromCsv(DATA), "CSV"));
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused");

        try (Connection c = OutputBars.connect(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER);
                Statement s = c.createStatement()) {
            // start-up (2 minutes of market before caravan got in) and two drops of 90 s: several minutes per symbol
            for (String symbol : LeanDay.SYMBOLS) {
                assertTrue(OutputBars.count(s, "SELECT count(*) FROM bars WHERE \"interval\" = '1m' AND trade_count IS NULL "
                        + "AND quality = 'backfilled' AND symbol = '" + symbol + "'") >= 5, symbol + ": minutes filled");
                assertTrue(OutputBars.count(s, "SELECT count(*) FROM bars WHERE \"interval\" = '1m' AND trade_count IS NOT NULL "
                        + "AND symbol = '" + symbol + "'") >= 5, symbol + ": minutes received whole keep their counts");
                assertTrue(OutputBars.count(s, "SELECT count(*) FROM bars WHERE revision > 0 AND symbol = '" + symbol + "'") >= 1,
                        symbol + ": bars written before the gap was filled were rewritten");
            }
            assertEquals(0, OutputBars.count(s, "SELECT count(*) FROM bars WHERE trade_count IS NULL AND quality <> 'backfilled'"),
                    "an unknown count only where a candle went in");
            long firstMinute = Math.floorDiv(trades.get(0).ts(), 60_000L) * 60_000L;
            assertEquals(1, OutputBars.count(s, "SELECT count(*) FROM bars WHERE \"interval\" = '1m' AND trade_count IS NULL "
                    + "AND symbol = '" + trades.get(0).symbol() + "' AND open_time = '" + Instant.ofEpochMilli(firstMinute)
                    + "'"), "the first minute traded before caravan ran: taken from the candle");
        }
        assertTrue(exchange.post("/sim/candle/reset").body().contains("\"pending\":0"), "every fault was met");
    }

    /** @return how many bars hold a candle */
    private static int assertCandlesWhereGapsWereElseEqual(Map<String, ExpectedBar> expected,
            Map<String, ExpectedBar> actual, String where) {
        assertEquals(expected.keySet(), actual.keySet(), where + ": set of bars");
        int fromCandles = 0;
        for (Map.Entry<String, ExpectedBar> e : expected.entrySet()) {
            ExpectedBar got = actual.get(e.getKey());
            if (got.trades() == ExpectedBar.UNKNOWN) {
                fromCandles++;
                if (!e.getValue().withoutVwapAndCount().sameAs(got)) {
                    fail(where + ": bar " + e.getKey() + " from a candle: expected " + e.getValue() + " but was " + got);
                }
            } else if (!e.getValue().sameAs(got)) {
                fail(where + ": bar " + e.getKey() + " expected " + e.getValue() + " but was " + got);
            }
        }
        assertTrue(fromCandles > 0, where + ": some bars hold candles");
        return fromCandles;
    }

    @AfterAll
    static void closeTheExchange() {
        if (exchange != null) {
            exchange.close();
        }
    }
}
