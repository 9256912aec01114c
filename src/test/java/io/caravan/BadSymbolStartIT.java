package io.caravan;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;

/**
 * The packaged service with a 10,000-character symbol in caravan.symbols does not start: it exits non-zero at once
 * with a message naming the property, instead of running and sending every trade of that symbol to the dead letter.
 */
class BadSymbolStartIT {

    @Test
    void aBadConfiguredSymbolStopsStartupWithTheProperty() throws Exception {
        Path data = Path.of("target/test-data/bad-symbol-it");
        Await.deleteTree(data);
        Files.createDirectories(data);
        Path input = data.resolve("trades.csv");
        Files.writeString(input, "timestamp,symbol,price,size\n2024-01-02T10:00:00Z,AAPL,1.5,1\n");
        Path log = data.resolveSibling("bad-symbol-it.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Dcaravan.feeds=replay", "-Dcaravan.replay.file=" + input, "-Dcaravan.replay.exit-when-done=false",
                "-Dcaravan.data-dir=" + data, "-Dcaravan.sinks=csv", "-Dcaravan.symbols=AAPL," + "X".repeat(10_000),
                "-Dquarkus.http.port=0", "-Dquarkus.camel.jolokia.server.port=0",
                "-jar", "target/quarkus-app/quarkus-run.jar");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "still running after 90 s; see " + log);
        } finally {
            process.destroyForcibly();
        }
        assertNotEquals(0, process.exitValue(), "exit code");
        String output = Files.readString(log);
        assertTrue(output.contains("caravan.symbols: 'XXXX") && output.contains("is no symbol: longer than 64 characters"),
                "the reason, naming the property; see " + log);
        assertTrue(output.length() < 200_000, "the log quotes the symbol's start, not all of it");
    }
}
