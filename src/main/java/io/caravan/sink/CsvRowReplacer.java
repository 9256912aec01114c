package io.caravan.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV sink's upsert: a revised bar (gap-fill) replaces the row of its open time in place instead of being
 * appended a second time. Revisions are rare, so the file is rewritten whole, to a temporary file first, then moved
 * over the old one: a reader sees the old file or the new one, never half of each.
 */
public final class CsvRowReplacer {

    private CsvRowReplacer() {
    }

    /**
     * @param file   the bar's CSV file (with its header)
     * @param row    the new row, as camel-csv wrote it, with its line end
     * @param prefix how the row to replace begins: its timestamp and the separator
     * @return false when the file holds no such row (then nothing is written: append the row instead)
     */
    public static boolean replace(Path file, String row, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(lines.size());
        boolean found = false;
        String replacement = row.stripTrailing();
        for (String line : lines) {
            if (!found && line.startsWith(prefix)) {
                out.add(replacement);
                found = true;
            } else {
                out.add(line);
            }
        }
        if (!found) {
            return false;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
