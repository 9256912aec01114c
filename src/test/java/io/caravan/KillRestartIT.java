package io.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorSettings;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.OutputBars;
import io.caravan.support.SimulatorTrades;
import io.caravan.support.TestTrade;
import io.vertx.core.Vertx;

/**
 * Issue 4's "a kill -9 mid-interval followed by a restart gives complete bars", with the packaged service: an exchange
 * (the simulator, synthetic trades for two symbols, in this JVM) trades on while caravan, connected to it over
 * Finnhub's protocol, is killed with SIGKILL 8–12 s into a 30 s bar and started again a few seconds later. The
 * restarted process backfills from the start of that bar (the longest interval) over the exchange's tick endpoint.
 * Every bar either process wrote, in PostgreSQL and in the CSV files, equals the bar computed from every trade the
 * exchange made, and the bars of the killed interval are all there.
 */
class KillRestartIT {

    static final int SIM_PORT = 18804;
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "caravan_kill_restart_it";
    static final Path DATA = Path.of("target/test-data/kill-restart-it");
    static final List<String> SYMBOLS = List.of("AAA", "BBB");
    static final List<String> INTERVALS = List.of("1s", "5s", "30s");
    static final long LONGEST = 30_000;

    @Test
    void aProcessKilledMidIntervalAndRestartedWritesCompleteBars() throws Exception {
        Await.deleteTree(DATA);
        Files.createDirectories(DATA);
        try (Connection c = OutputBars.connect(PG, "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        Vertx vertx = Vertx.vertx();
        try {
            new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", SIM_PORT, SYMBOLS, Optional.empty(), "1",
                    Duration.ofMillis(500), 20, Duration.ofSeconds(30), Optional.of(7L))).start();

            Process first = start("run-1");
            awaitLog("run-1", "Filled start-up backfill", Duration.ofSeconds(60));
            Thread.sleep(5_000); // some bars written live
            long killedAt = sleepUntilInsideBucket(8_000, 12_000);
            first.destroyForcibly(); // SIGKILL: nothing is flushed, nothing shut down
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            Thread.sleep(3_000);

            Process second = start("run-2");
            awaitLog("run-2", "Filled start-up backfill", Duration.ofSeconds(60));
            long killedBucket = Math.floorDiv(killedAt, LONGEST) * LONGEST;
            // the killed bar closes (plus grace), then one more whole bar of every interval
            while (System.currentTimeMillis() < killedBucket + 2 * LONGEST + 4_000) {
                Thread.sleep(200);
            }
            second.destroy(); // SIGTERM: a graceful stop writes no bar still open
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));

            List<TestTrade> trades = tradesMade(System.currentTimeMillis());
            Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, INTERVALS);
            Map<String, ExpectedBar> jdbc = OutputBars.fromJdbc(PG + "?currentSchema=" + SCHEMA, "postgres");
            Map<String, ExpectedBar> csv = OutputBars.fromCsv(DATA.resolve("data"));
            assertEquals(jdbc.keySet(), csv.keySet(), "the same bars in both sinks");
            for (Map.Entry<String, ExpectedBar> bar : jdbc.entrySet()) {
                ExpectedBar want = expected.get(bar.getKey());
                if (want == null || !want.sameAs(bar.getValue()) || !want.sameAs(csv.get(bar.getKey()))) {
                    fail("bar " + bar.getKey() + " expected " + want + " but was " + bar.getValue() + " (PostgreSQL), "
                            + csv.get(bar.getKey()) + " (CSV)");
                }
            }
            // every bar of the killed 30 s interval, the seconds caravan was dead included, is there
            for (String symbol : SYMBOLS) {
                for (String interval : INTERVALS) {
                    long size = ExpectedBars.millis(interval);
                    for (long open = killedBucket; open < killedBucket + LONGEST; open += size) {
                        String key = ExpectedBars.key(symbol, interval, Instant.ofEpochMilli(open));
                        assertEquals(expected.containsKey(key), jdbc.containsKey(key), "bar " + key);
                    }
                }
                assertTrue(jdbc.containsKey(ExpectedBars.key(symbol, "30s", Instant.ofEpochMilli(killedBucket))));
            }
        } finally {
            vertx.close();
        }
    }

    private static Process start(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Dcaravan.feeds=finnhub", "-Dcaravan.finnhub.url=ws://127.0.0.1:" + SIM_PORT + "/",
                "-Dcaravan.finnhub.reconnect-initial-delay=500", "-Dcaravan.gap-fill.finnhub-url=http://127.0.0.1:" + SIM_PORT,
                "-Dcaravan.symbols=" + String.join(",", SYMBOLS), "-Dcaravan.intervals=" + String.join(",", INTERVALS),
                "-Dcaravan.sinks=csv,jdbc", "-Dcaravan.data-dir=" + DATA.resolve("data"),
                "-Dcaravan.jdbc.url=" + PG + "?currentSchema=" + SCHEMA, "-Dcaravan.jdbc.username=postgres",
                "-Dcaravan.routes.reload=false", "-Dquarkus.http.port=0", "-Dquarkus.camel.jolokia.server.port=0",
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(DATA.resolve(name + ".log").toFile())
                .start();
    }

    private static void awaitLog(String name, String text, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Path log = DATA.resolve(name + ".log");
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail(name + " did not log '" + text + "' within " + timeout + "; see " + log);
    }

    /** Sleeps until the wall clock is {@code from..to} ms into a bucket of the longest interval; returns the time. */
    private static long sleepUntilInsideBucket(long from, long to) throws InterruptedException {
        while (true) {
            long now = System.currentTimeMillis();
            long into = Math.floorMod(now, LONGEST);
            if (into >= from && into < to) {
                return now;
            }
            Thread.sleep(50);
        }
    }

    /** Every trade the exchange made, from its tick endpoint. */
    private static List<TestTrade> tradesMade(long until) {
        List<TestTrade> trades = new ArrayList<>();
        SYMBOLS.forEach(symbol -> trades.addAll(SimulatorTrades.made(SIM_PORT, symbol, symbol, until)));
        return trades;
    }
}
