package io.caravan.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tick dead letter of a run ({@code <data-dir>/dead-letter/ticks-*.ndjson}) read without trusting it: a line is
 * measured as it streams by and parsed only when it is under a cap, so a runaway record (hundreds of MB) is counted
 * and reported, not loaded.
 */
final class DeadLetterFile {

    /** Lines longer than this are not parsed (they fail the record bound anyway). */
    static final int PARSE_CAP = 8 * 1024 * 1024;

    final Map<String, Long> reasons = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    /** Examples of records whose reason is {@code error} (an exception no check names). */
    final List<String> errors = new ArrayList<>();
    long records;
    long bytes;
    long largest;
    String largestStart = "";

    static DeadLetterFile read(Path dataDir, long recordBound) throws IOException {
        DeadLetterFile file = new DeadLetterFile();
        Path dir = dataDir.resolve("dead-letter");
        if (!Files.isDirectory(dir)) {
            return file;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("ticks-")).sorted().toList()) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                    file.scan(in, recordBound);
                }
            }
        }
        return file;
    }

    private void scan(InputStream in, long recordBound) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        long length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                record(line, length, recordBound);
                line.reset();
                length = 0;
            } else {
                length++;
                if (length <= PARSE_CAP) {
                    line.write(b);
                }
            }
        }
        if (length > 0) {
            problem("the last dead-letter line is unfinished (" + length + " bytes)");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    long problemCount;

    private void problem(String text) {
        problemCount++;
        if (problems.size() < 20) {
            problems.add(text);
        }
    }

    private void record(ByteArrayOutputStream line, long length, long recordBound) {
        records++;
        bytes += length + 1;
        if (length > largest) {
            largest = length;
            largestStart = shorten(line);
        }
        if (length > recordBound) {
            reasons.merge("(record over " + recordBound + " bytes)", 1L, Long::sum);
            problem("record " + records + " is " + length + " bytes: " + shorten(line));
            if (length > PARSE_CAP) {
                return;
            }
        }
        try {
            JsonNode node = JSON.readTree(line.toByteArray());
            String reason = node == null || !node.hasNonNull("reason") ? "" : node.get("reason").asText();
            if (reason.isBlank()) {
                problem("record " + records + " has no reason: " + shorten(line));
            }
            reasons.merge(reason, 1L, Long::sum);
            if ("error".equals(reason) && errors.size() < 10) {
                errors.add(node.path("detail").asText());
            }
        } catch (IOException e) {
            problem("record " + records + " is not JSON (" + e.getMessage() + "): " + shorten(line));
        }
    }

    private static String shorten(ByteArrayOutputStream line) {
        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
