package io.caravan.sink;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;

/**
 * Exchange bars in {@code <data-dir>/exchange-bars/<interval>/<SYMBOL>_<interval>.csv}, with the header of the bars
 * CSV, one line per open time, in open-time order. A kline fetched again (the newest of a poll is usually still
 * forming) replaces its line: only the tail from the first open time of the batch is read and rewritten, so a long
 * file costs no more than a short one.
 */
@ApplicationScoped
public class ExchangeBarCsvFiles {

    static final String HEADER = String.join(",", BarFields.CSV_COLUMNS) + "\n";
    private static final int CHUNK = 16 * 1024;

    private final Path dataDir;

    public ExchangeBarCsvFiles(CaravanConfig config) {
        this.dataDir = Path.of(config.dataDir());
    }

    /** Path of a kline's file relative to the data dir. */
    public static String relativePath(Kline k) {
        String interval = k.interval().label();
        return "exchange-bars/" + interval + "/" + SymbolFileName.encode(k.symbol()) + "_" + interval + ".csv";
    }

    public synchronized void write(KlineBatch batch) throws IOException {
        Map<String, TreeMap<Long, String>> byFile = new TreeMap<>();
        for (Kline k : batch.klines()) {
            byFile.computeIfAbsent(relativePath(k), f -> new TreeMap<>()).put(k.openTime(), ExchangeBarFields.csvLine(k));
        }
        for (Map.Entry<String, TreeMap<Long, String>> file : byFile.entrySet()) {
            merge(dataDir.resolve(file.getKey()), file.getValue());
        }
    }

    private static void merge(Path file, TreeMap<Long, String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() == 0) {
                raf.write(HEADER.getBytes(StandardCharsets.UTF_8));
            }
            long headerEnd = HEADER.length();
            long first = lines.firstKey();
            // the tail holding every line at or after the batch's first open time, read backwards chunk by chunk
            long start = raf.length();
            List<String> tail;
            for (int chunk = CHUNK;; chunk *= 4) {
                start = Math.max(headerEnd, raf.length() - chunk);
                tail = readLines(raf, start);
                if (start > headerEnd) {
                    if (tail.isEmpty()) {
                        continue; // no whole line in this chunk yet
                    }
                    start += tail.remove(0).getBytes(StandardCharsets.UTF_8).length + 1; // a partial line
                }
                if (start == headerEnd || (!tail.isEmpty() && openTime(tail.get(0)) < first)) {
                    break;
                }
            }
            long cut = start;
            TreeMap<Long, String> merged = new TreeMap<>();
            for (String line : tail) {
                long open = openTime(line);
                if (open < first) {
                    cut += line.getBytes(StandardCharsets.UTF_8).length + 1;
                } else {
                    merged.put(open, line);
                }
            }
            merged.putAll(lines);
            StringBuilder out = new StringBuilder();
            merged.values().forEach(line -> out.append(line).append('\n'));
            raf.setLength(cut);
            raf.seek(cut);
            raf.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readLines(RandomAccessFile raf, long from) throws IOException {
        byte[] bytes = new byte[(int) (raf.length() - from)];
        raf.seek(from);
        raf.readFully(bytes);
        List<String> lines = new ArrayList<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
            lines.add(text.substring(at, nl));
            at = nl + 1;
        }
        return lines;
    }

    private static long openTime(String line) {
        int comma = line.indexOf(',');
        return Instant.parse(comma < 0 ? line : line.substring(0, comma)).toEpochMilli();
    }
}
