package io.caravan.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;

/**
 * Writes a batch of bars to their CSV files ({@code <data-dir>/bars/<interval>/<SYMBOL>_<interval>.csv}): the rows of
 * one file are appended in one write, the header first when the file is new, in the order the bars came. A revised
 * or backfilled bar replaces its row ({@link CsvRowReplacer}) once the rows before it are in the file. The rows are
 * formatted by Commons CSV, as camel-csv formats them.
 */
public final class CsvBarFiles {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final String HEADER = FORMAT.format((Object[]) BarFields.CSV_COLUMNS) + "\n";

    private final Path dataDir;
    private final BarFields fields;

    public CsvBarFiles(Path dataDir, BarFields fields) {
        this.dataDir = dataDir;
        this.fields = fields;
    }

    /** Path of a bar's file relative to the data dir. */
    public static String relativePath(Bar bar) {
        String interval = bar.interval().label();
        return "bars/" + interval + "/" + SymbolFileName.encode(bar.symbol()) + "_" + interval + ".csv";
    }

    /**
     * Writes the bars, file after file, skipping the files named in {@code written} (an earlier attempt wrote them)
     * and adding each file to it once its bars are in. A failure leaves the files not yet written out of
     * {@code written}, so the same call again writes only those.
     */
    public void write(List<Bar> bars, Set<String> written) throws IOException {
        for (Map.Entry<String, List<Bar>> file : byFile(bars).entrySet()) {
            if (!written.contains(file.getKey())) {
                write(dataDir.resolve(file.getKey()), file.getValue());
                written.add(file.getKey());
            }
        }
    }

    /** The bars of the files not in {@code written}, in their order: what a failed batch still owes. */
    public static List<Bar> unwritten(List<Bar> bars, Set<String> written) {
        return bars.stream().filter(bar -> !written.contains(relativePath(bar))).toList();
    }

    private static Map<String, List<Bar>> byFile(List<Bar> bars) {
        Map<String, List<Bar>> files = new LinkedHashMap<>();
        for (Bar bar : bars) {
            files.computeIfAbsent(relativePath(bar), f -> new ArrayList<>()).add(bar);
        }
        return files;
    }

    private void write(Path file, List<Bar> bars) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (Bar bar : bars) {
            String row = row(bar);
            // a backfilled bar may be one an earlier run wrote before it was stopped
            if (bar.revision() > 0 || bar.quality() == BarQuality.BACKFILLED) {
                append(file, rows);
                if (CsvRowReplacer.replace(file, row, BarFields.openTime(bar) + ",")) {
                    continue;
                }
            }
            rows.append(row);
        }
        append(file, rows);
    }

    private String row(Bar bar) {
        return FORMAT.format(fields.csvRow(bar).values().toArray()) + "\n";
    }

    /** Appends the rows waiting (and empties them), with the header when the file is new. */
    private static void append(Path file, StringBuilder rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            rows.insert(0, HEADER);
        }
        Files.writeString(file, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        rows.setLength(0);
    }
}
