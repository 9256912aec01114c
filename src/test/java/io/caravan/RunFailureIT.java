package io.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.JarLaunch;

/**
 * The packaged service, replaying a file with {@code exit-when-done}, when a failure ends the run. An Error on the
 * bar-closing thread (injected with {@code caravan.faults.engine-error-at-close}): the process exits 1 within 5 s of
 * the failure, its summary says {@code ok: false} with the thread, the cause and what the sink had written, and the
 * log has one line naming both. Before, the thread died with a stack trace and the process stayed up, idle, with no
 * summary. An OutOfMemoryError (the same hook filling the heap): the JVM ends at once (the launch options carry
 * {@code -XX:+ExitOnOutOfMemoryError}).
 */
class RunFailureIT {

    static final Path ROOT = Path.of("target/test-data/run-failure-it");
    static final Path INPUT = ROOT.resolve("input.csv");

    private Process process;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void anErrorOnTheEngineThreadEndsTheReplayWithItsSummaryAndOneLine() throws Exception {
        Path data = ROOT.resolve("error");
        Path log = start(data, "internal", List.of());

        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.readString(log).contains("caravan failed, stopping:"));
        assertTrue(process.waitFor(5, TimeUnit.SECONDS), "exited within 5 s of the failure; see " + log);
        assertEquals(1, process.exitValue(), "exit code; see " + log);

        Map<String, Object> summary = Await.replaySummary(data, Duration.ofSeconds(1));
        assertEquals(Boolean.FALSE, summary.get("ok"));
        String failure = (String) summary.get("failure");
        assertTrue(failure.contains("thread bar-closer") && failure.contains("java.lang.InternalError"), failure);
        assertTrue(((Map<?, ?>) summary.get("sinks")).containsKey("csv"), "bars the csv sink wrote: " + summary);

        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("caravan failed")).toList();
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(lines.get(0).contains("thread bar-closer: java.lang.InternalError: injected"), lines.get(0));
    }

    @Test
    void runningOutOfMemoryEndsTheProcess() throws Exception {
        Path log = start(ROOT.resolve("oom"), "oom", List.of("-Xmx256m"));

        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the process ended; see " + log);
        assertEquals(3, process.exitValue(), "the JVM's exit on OutOfMemoryError; see " + log);
        assertTrue(Files.readString(log).contains("Terminating due to java.lang.OutOfMemoryError"), "see " + log);
    }

    private Path start(Path data, String fault, List<String> jvm) throws IOException {
        writeInput();
        Await.deleteTree(data);
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(JarLaunch.java()));
        command.addAll(JarLaunch.JVM_OPTIONS);
        command.addAll(jvm);
        command.addAll(List.of("-Dcaravan.feeds=replay", "-Dcaravan.replay.file=" + INPUT,
                "-Dcaravan.replay.exit-when-done=true", "-Dcaravan.data-dir=" + data, "-Dcaravan.sinks=csv",
                "-Dcaravan.faults.engine-error-at-close=20", "-Dcaravan.faults.engine-error=" + fault,
                "-Dquarkus.http.port=0", "-Dquarkus.camel.jolokia.server.port=0",
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = data.resolveSibling(data.getFileName() + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return log;
    }

    /** A trade every second of a day, two symbols: each chunk of 1,000 closes some minutes. */
    static void writeInput() throws IOException {
        if (Files.exists(INPUT)) {
            return;
        }
        Files.createDirectories(INPUT.getParent());
        long t0 = Instant.parse("2021-06-01T00:00:00Z").toEpochMilli();
        try (BufferedWriter out = Files.newBufferedWriter(INPUT)) {
            out.write("timestamp,symbol,price,size\n");
            for (int i = 0; i < 86_400; i++) {
                out.write((t0 + i * 1_000L) + "," + (i % 2 == 0 ? "RFA" : "RFB") + "," + (50 + i % 13) + ",1\n");
            }
        }
    }
}
