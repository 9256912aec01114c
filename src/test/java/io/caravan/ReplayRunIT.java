package io.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;

/**
 * The packaged service, run the way the README runs a batch replay, twice over the same two days of real trades
 * into the same PostgreSQL schema: both runs exit 0, write byte-identical CSV files, and leave exactly the bars a
 * direct computation gives (the second run's upserts change nothing).
 */
class ReplayRunIT {

    static final Path INPUT = Path.of("target/test-data/lean-2days.csv");
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "caravan_replay_it";

    @Test
    void twoRunsOfTheSameInputGiveTheSameBars() throws Exception {
        SharedData.require(LeanTicks.file("BAC", "20131008"));
        List<TestTrade> trades = LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008"));
        LeanTicks.writeReplayCsv(trades, INPUT);
        try (Connection c = OutputBars.connect(PG, "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }

        Path first = run("run-1");
        Path second = run("run-2");

        assertEquals(tree(first), tree(second), "same files, same bytes");
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(first), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromJdbc(PG + "?currentSchema=" + SCHEMA, "postgres"), "PostgreSQL");
    }

    private static Path run(String name) throws IOException, InterruptedException {
        Path data = Path.of("target/test-data/replay-run-it", name);
        Await.deleteTree(data);
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Dcaravan.feeds=replay", "-Dcaravan.replay.file=" + INPUT, "-Dcaravan.replay.exit-when-done=true",
                "-Dcaravan.data-dir=" + data, "-Dcaravan.jdbc.url=" + PG + "?currentSchema=" + SCHEMA,
                "-Dcaravan.jdbc.username=postgres", "-Dquarkus.http.port=0",
                // Jolokia (fixed port 8778) may still be held by the app of the IT before this one
                "-Dquarkus.camel.jolokia.server.port=0",
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(name + ".log").toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), name + " finished");
        assertEquals(0, process.exitValue(), name + " exit code; see " + data.resolveSibling(name + ".log"));
        return data;
    }

    /** Relative path → content of every bar file. */
    private static Map<String, String> tree(Path data) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> paths = Files.walk(data.resolve("bars"))) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(data.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
