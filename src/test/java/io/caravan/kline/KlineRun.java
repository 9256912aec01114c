package io.caravan.kline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;

import io.caravan.bar.BarClock;
import io.caravan.simulator.SimulatorService;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisTestClient;
import io.caravan.support.TestTrade;
import io.caravan.tick.TickValidator;

/**
 * What the kline tests share: the simulator replays trades of AAPL and MSFT, one a second, over the five whole minutes
 * before the current one (caravan builds bars from them, the simulator answers the providers' kline endpoints from
 * them); every built-in sink on real PostgreSQL (a schema of the test's own) and Redis; kline polls on a schedule far
 * in the future, so a test starts its rounds itself.
 *
 * @param name names the data directory and the PostgreSQL schema
 */
record KlineRun(String name, int port) {

    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    static final int MINUTES = 5;

    Path data() {
        return Path.of("target/test-data/" + name);
    }

    Path input() {
        return data().resolve("ticks.csv");
    }

    String schema() {
        return "caravan_" + name.replace('-', '_') + "_test";
    }

    String jdbcUrl() {
        return PG + "?currentSchema=" + schema();
    }

    String sim() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Writes the trades, empties the data directory and the schema, and gives the configuration: kline polls of
     * {@code provider} for {@code klineSymbols} against the simulator.
     */
    Map<String, String> config(String provider, String klineSymbols, String redisPrefix) {
        Await.deleteTree(data());
        writeTrades();
        try (Connection c = OutputBars.connect(PG, "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema() + " CASCADE");
            s.execute("CREATE SCHEMA " + schema());
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + PG + " is required for this test", e);
        }
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.feeds", "simulator");
        config.put("caravan.simulator.port", String.valueOf(port));
        config.put("caravan.simulator.file", input().toString());
        config.put("caravan.simulator.speed", "max");
        config.put("caravan.simulator.settle-delay", "500ms");
        config.put("caravan.symbols", String.join(",", SYMBOLS));
        config.put("caravan.intervals", "1m");
        config.put("caravan.bars.clock", "event");
        config.put("caravan.data-dir", data().toString());
        config.put("caravan.sinks", "csv,jdbc,redis,pubsub");
        config.put("caravan.jdbc.url", jdbcUrl());
        config.put("caravan.jdbc.username", "postgres");
        config.put("caravan.redis.url", RedisTestClient.URL);
        config.put("caravan.redis.prefix", redisPrefix);
        config.put("caravan.klines.enabled", "true");
        config.put("caravan.klines.provider", provider);
        config.put("caravan.klines.url", sim());
        config.put("caravan.klines.symbols", klineSymbols);
        config.put("caravan.klines.cron", "0 0 0 1 1 ? 2099");
        config.put("caravan.klines.lookback", "30m");
        config.put("caravan.klines.max-retries", "3");
        config.put("caravan.klines.retry-initial-delay", "200ms");
        config.put("caravan.klines.retry-max-delay", "3s");
        config.put("caravan.klines.forbidden-backoff", "2s");
        return config;
    }

    /** Waits until the replay is served and its bars are written; the bars computed from the trades, with VWAP. */
    Map<String, ExpectedBar> awaitReplay(SimulatorService simulator, TickValidator validator, CamelContext camel,
            BarClock clock, SinkDrain sinks) throws Exception {
        long sent = simulator.simulator().orElseThrow().fileReplayFinished().get(2, TimeUnit.MINUTES);
        List<TestTrade> trades = readTrades();
        assertEquals(trades.size(), sent);
        Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> validator.checked() == sent && camel.getInflightRepository().size("feed-finnhub") == 0);
        clock.flush(); // the simulator says nothing after its last trade: close the last minute
        sinks.awaitDrained(Duration.ofMinutes(1));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, List.of("1m"));
        assertEquals(SYMBOLS.size() * MINUTES, expected.size());
        return expected;
    }

    private void writeTrades() {
        long end = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L;
        long start = end - MINUTES * 60_000L;
        Random random = new Random(42);
        Map<String, BigDecimal> prices = new TreeMap<>(Map.of("AAPL", new BigDecimal("230.00"), "MSFT",
                new BigDecimal("410.00")));
        StringBuilder csv = new StringBuilder("timestamp,symbol,price,size\n");
        for (long ts = start + 500; ts < end; ts += 1000) {
            String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            BigDecimal price = prices.get(symbol).add(BigDecimal.valueOf(random.nextInt(41) - 20, 2));
            prices.put(symbol, price);
            csv.append(ts).append(',').append(symbol).append(',').append(price.toPlainString()).append(',')
                    .append(1 + random.nextInt(500)).append('\n');
        }
        try {
            Files.createDirectories(input().getParent());
            Files.writeString(input(), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<TestTrade> readTrades() throws IOException {
        List<TestTrade> trades = new ArrayList<>();
        List<String> lines = Files.readAllLines(input());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            trades.add(new TestTrade(f[1], Long.parseLong(f[0]), new BigDecimal(f[2]), new BigDecimal(f[3]),
                    trades.size()));
        }
        return trades;
    }
}
