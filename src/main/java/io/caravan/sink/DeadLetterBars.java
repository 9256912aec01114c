package io.caravan.sink;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;

/**
 * The bar dead letter on disk ({@code <data-dir>/dead-letter/bars-*.ndjson}) read back: each record's sink and bar.
 * A file is taken whole: moved aside first (so records written meanwhile start a new file), then read; what is not
 * taken back is kept in a file of its own.
 */
public final class DeadLetterBars {

    public record Entry(String sink, Bar bar, String line) {
    }

    /** Records that could not be read back (cut short, not a bar), left in the dead letter. */
    public record Taken(List<Entry> entries, List<String> unreadable) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private final Path dir;

    public DeadLetterBars(Path dir) {
        this.dir = dir;
    }

    /** Takes every bar record out of the dead letter; {@link #keep} puts back what the caller does not use. */
    public Taken take() throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Taken(entries, unreadable);
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith("bars-")
                    && f.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(file.getFileName() + " is larger than " + MAX_FILE_BYTES + " bytes: split it first");
            }
            Path taken = file.resolveSibling(file.getFileName() + ".taking");
            Files.move(file, taken, StandardCopyOption.ATOMIC_MOVE);
            for (String line : Files.readAllLines(taken, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode record = JSON.readTree(line);
                    entries.add(new Entry(record.get("sink").asText(), bar(record.get("bar")), line));
                } catch (IOException | RuntimeException e) {
                    unreadable.add(line);
                }
            }
            Files.delete(taken);
        }
        return new Taken(entries, unreadable);
    }

    /** Puts records back into the dead letter, in a file of their own. */
    public void keep(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        Path kept = dir.resolve("bars-kept-" + System.currentTimeMillis() + ".ndjson");
        Files.write(kept, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A bar from its dead-letter form ({@link BarFields#json}); the notional, which is not written, from VWAP × volume. */
    static Bar bar(JsonNode bar) {
        BigDecimal volume = new BigDecimal(bar.get("volume").asText());
        BigDecimal vwap = bar.hasNonNull("vwap") ? new BigDecimal(bar.get("vwap").asText()) : null;
        return new Bar(bar.get("symbol").asText(), Interval.parse(bar.get("interval").asText()),
                bar.get("open_time_ms").asLong(), new BigDecimal(bar.get("open").asText()),
                new BigDecimal(bar.get("high").asText()), new BigDecimal(bar.get("low").asText()),
                new BigDecimal(bar.get("close").asText()), volume, vwap == null ? BigDecimal.ZERO : vwap.multiply(volume),
                vwap, bar.hasNonNull("trade_count") ? bar.get("trade_count").asLong() : null,
                BarQuality.valueOf(bar.get("quality").asText().toUpperCase(Locale.ROOT)), bar.get("revision").asInt());
    }

}
