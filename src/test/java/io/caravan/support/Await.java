package io.caravan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

/** Waiting on what the running service writes. */
public final class Await {

    private Await() {
    }

    /** The replay summary caravan writes once a replay is done and its bars are in every sink. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> replaySummary(Path dataDir, Duration timeout) {
        Path file = dataDir.resolve("replay-summary.json");
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(file));
        try {
            return new ObjectMapper().readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the dead letter of {@code dataDir} holds, abbreviated: for the message of an assertion that failed. */
    public static String deadLetters(Path dataDir) {
        Path dir = dataDir.resolve("dead-letter");
        if (!Files.exists(dir)) {
            return "no dead letter";
        }
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String content = Files.readString(file);
                text.append(file.getFileName()).append(": ")
                        .append(content.length() <= 2_000 ? content : content.substring(0, 2_000) + "...").append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
