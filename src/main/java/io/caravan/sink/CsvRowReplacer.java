package io.caravan.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV sink's upsert: a revised bar (gap-fill) replaces the row of its open time in place instead of being
 * appended a second time, and a bar of a time before the last row (a bucket first filled by gap-fill after later
 * bars were written) goes in before the first later row, so the file stays in time order. Revisions are rare, so the
 * file is rewritten whole, to a temporary file first, then moved over the old one: a reader sees the old file or the
 * new one, never half of each.
 */
public final class CsvRowReplacer {

    private CsvRowReplacer() {
    }

    /**
     * @param file   the bar's CSV file (with its header)
     * @param row    the new row, as camel-csv wrote it, with its line end
     * @param prefix how the row to replace begins: its timestamp (ISO-8601) and the separator
     * @return false when the file holds no such row and none later (then nothing is written: append the row instead)
     */
    public static boolean replace(Path file, String row, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        Instant time = Instant.parse(prefix.substring(0, prefix.length() - 1));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(lines.size() + 1);
        boolean placed = false;
        String replacement = row.stripTrailing();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!placed && line.startsWith(prefix)) {
                out.add(replacement);
                placed = true;
            } else if (!placed && i > 0 && later(line, time)) {
                out.add(replacement);
                out.add(line);
                placed = true;
            } else {
                out.add(line);
            }
        }
        if (!placed) {
            return false;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Whether a data line's open time is after {@code time}; a line that does not start with one is not. */
    private static boolean later(String line, Instant time) {
        int comma = line.indexOf(',');
        try {
            return comma > 0 && Instant.parse(line.substring(0, comma)).isAfter(time);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
