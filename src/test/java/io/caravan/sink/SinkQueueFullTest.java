package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A user sink that cannot write (its directory is blocked by a file) and a queue of 3 bars: its backlog stays
 * bounded, the bars that find it full go to the bar dead letter with reason "Queue full" and the sink's name, the
 * ones it tried go there after its own retries, and the CSV sink beside it gets every bar. Nothing is lost.
 */
@QuarkusTest
@TestProfile(SinkQueueFullTest.Profile.class)
class SinkQueueFullTest {

    static final Path DATA = Path.of("target/test-data/queue-full");
    static final Path INPUT = Path.of("target/test-data/queue-full.csv");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            LeanTicks.writeReplayCsv(SinkIsolationTest.trades(), INPUT);
            try {
                Files.createDirectories(DATA);
                Files.writeString(DATA.resolve("blocker"), "a file where the sink wants a directory");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> config = new TreeMap<>();
            config.put("caravan.feeds", "replay");
            config.put("caravan.replay.file", INPUT.toString());
            config.put("caravan.data-dir", DATA.toString());
            config.put("caravan.sinks", "csv,stuck");
            config.put("caravan.sink.stuck.uri", "file:" + DATA.resolve("blocker/out") + "?fileName=bars.ndjson");
            config.put("caravan.sink.stuck.max-redeliveries", "2");
            config.put("caravan.sink.stuck.initial-delay", "100ms");
            config.put("caravan.sink.stuck.queue-size", "3"); // the CSV sink keeps the default
            return config;
        }
    }

    @Test
    void aFullQueueSendsBarsToTheDeadLetterAndHoldsUpNoOtherSink() throws Exception {
        Await.replaySummary(DATA, Duration.ofMinutes(2));
        Map<String, ExpectedBar> expected = ExpectedBars.compute(SinkIsolationTest.trades(), ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");

        List<String> bars = new ArrayList<>();
        int queueFull = 0;
        try (var files = Files.list(DATA.resolve("dead-letter"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bars-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode record = new ObjectMapper().readTree(line);
                    assertEquals("stuck", record.get("sink").asText(), line);
                    String reason = record.get("reason").asText();
                    if (reason.contains("Queue full")) {
                        queueFull++;
                    } else {
                        assertTrue(reason.contains("GenericFileOperationFailedException"), reason);
                    }
                    bars.add(record.get("bar").toString());
                }
            }
        }
        assertTrue(queueFull > 0, "some bars found the queue full");
        OutputBars.assertSameBars(expected, RedisBars.fromJson(bars, false, "bar dead letter"),
                "every bar the stuck sink missed is in the dead letter");
    }
}
