package io.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.JarLaunch;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;

/**
 * Issue 20's history file: the AIG/BAC trades of two days (282,737) and copies of them a week apart each, replayed
 * at max speed by the packaged jar on {@code -Xmx512m -Xss512k} into CSV and PostgreSQL. It must exit 0 with every
 * bar of every interval equal to a direct computation. Behind {@code -Phistory} (10 copies, 2.8M trades; about a
 * minute); {@code -Dhistory.copies=40} for the 40-copy file.
 */
class HistoryReplayIT {

    static final Path ROOT = Path.of("target/test-data/history-it");
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "caravan_history_it";
    static final long WEEK = 7L * 24 * 3600 * 1000;

    @Test
    void copiesOfTwoDaysReplayOnABoundedHeapToTheExpectedBars() throws Exception {
        int copies = Integer.getInteger("history.copies", 0);
        Assumptions.assumeTrue(copies > 0, "run with -Phistory (or -Dhistory.copies=N)");
        SharedData.require(LeanTicks.file("BAC", "20131008"));
        List<TestTrade> days = LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008"));
        List<TestTrade> all = new ArrayList<>(days.size() * copies);
        for (int k = 0; k < copies; k++) {
            for (TestTrade t : days) {
                all.add(new TestTrade(t.symbol(), t.ts() + k * WEEK, t.price(), t.size(), t.order() + (long) k * days.size()));
            }
        }
        Path input = LeanTicks.writeReplayCsv(all, ROOT.resolve("history-" + copies + ".csv"));
        Path data = ROOT.resolve("data");
        Await.deleteTree(data);
        Files.createDirectories(data);
        try (Connection c = OutputBars.connect(PG, "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }

        Path gc = ROOT.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(JarLaunch.java()));
        command.addAll(JarLaunch.JVM_OPTIONS);
        command.addAll(List.of("-Xmx512m", "-Xss512k", "-Xlog:gc:file=" + gc,
                "-Dcaravan.feeds=replay", "-Dcaravan.replay.file=" + input, "-Dcaravan.replay.exit-when-done=true",
                "-Dcaravan.data-dir=" + data, "-Dcaravan.sinks=csv,jdbc",
                "-Dcaravan.jdbc.url=" + PG + "?currentSchema=" + SCHEMA, "-Dcaravan.jdbc.username=postgres",
                "-Dquarkus.http.port=0", "-Dquarkus.camel.jolokia.server.port=0",
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = ROOT.resolve("run.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(20, TimeUnit.MINUTES), "finished; see " + log);
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), "exit code; see " + log);
        Map<String, Object> summary = Await.replaySummary(data, Duration.ofSeconds(1));
        assertEquals(Boolean.TRUE, summary.get("ok"), "summary " + summary);
        assertEquals(all.size(), ((Number) summary.get("trades")).intValue());

        Map<String, ExpectedBar> expected = ExpectedBars.compute(all, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(data), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PG + "?currentSchema=" + SCHEMA, "postgres"), "PostgreSQL");
        System.out.printf("HistoryReplayIT: %d trades in %.1f s (%.0f trades/s), peak heap after GC %d MB, %d bars%n",
                all.size(), ((Number) summary.get("seconds")).doubleValue(),
                all.size() / ((Number) summary.get("seconds")).doubleValue(), peakAfterGcMb(gc), expected.size());
    }

    /** The largest heap after a collection in a -Xlog:gc file ("Pause Young ... 401M->145M(488M)"). */
    static long peakAfterGcMb(Path gcLog) throws java.io.IOException {
        Matcher m = Pattern.compile("\\d+M->(\\d+)M\\(").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }
}
