package io.caravan.feed.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One file of a replay, read as it is (plain, {@code .gz}, or {@code .zip}: its first entry), its kind detected
 * ({@link ReplayFileType}), each line turned into a {@link ReplayRow}: a caravan CSV row (columns in the order of
 * {@link ReplayFormat#TRADES}) or, for recorded frames, the line itself.
 */
final class ReplaySourceFile implements Closeable {

    private final Path path;
    private final long size;
    private final ByteCountingStream counted;
    private final ReplayLineReader lines;
    private final ReplayFileType type;
    private final ReplayRows rows;
    private String pending;
    private long linesRead;

    ReplaySourceFile(Path path, int maxLineChars) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("replay file " + path + " does not exist");
        }
        this.path = path;
        this.size = Files.size(path);
        this.counted = new ByteCountingStream(Files.newInputStream(path));
        String fileName = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String name = path.toString().replace('\\', '/');
        InputStream in = counted;
        boolean opened = false;
        try {
            if (fileName.endsWith(".gz")) {
                in = new GZIPInputStream(counted, 1 << 16);
            } else if (fileName.endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(counted);
                ZipEntry entry = zip.getNextEntry();
                while (entry != null && entry.isDirectory()) {
                    entry = zip.getNextEntry();
                }
                if (entry == null) {
                    throw new IOException("replay file " + path + " is a zip without a file in it");
                }
                in = zip;
                // a Lean zip's entry names the symbol and day; the zip alone names them by folder and file name
                name = leanOrEntryName(name, entry.getName());
            }
            this.lines = new ReplayLineReader(new InputStreamReader(in, StandardCharsets.UTF_8), maxLineChars);
            String first = lines.first();
            this.type = ReplayFileType.detect(name, first != null && ReplayRefusal.is(first) ? null : first);
            this.rows = switch (type) {
                case CARAVAN_CSV -> new CaravanCsvRows(ReplayFormat.detect(first));
                case LEAN_TRADES -> LeanTickRows.forName(name);
                case BINANCE_TRADES -> BinanceTradeRows.forName(name);
                case FRAMES -> null;
            };
            this.pending = type == ReplayFileType.CARAVAN_CSV ? null : first;
            opened = true;
        } finally {
            if (!opened) {
                in.close();
            }
        }
    }

    /** The zip's entry name when it is a Lean file's, so the symbol and day come from it; else the zip's path. */
    private static String leanOrEntryName(String zipPath, String entryName) {
        return LeanTickRows.isLeanName(entryName) ? entryName
                : entryName.toLowerCase(Locale.ROOT).contains("-trades-") ? entryName : zipPath;
    }

    ReplayFileType type() {
        return type;
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    long bytesRead() {
        return counted.count();
    }

    long linesRead() {
        return linesRead;
    }

    long leftOut() {
        return rows == null ? 0 : rows.leftOut();
    }

    /** The next row, or null at the end of the file. */
    ReplayRow next() throws IOException {
        while (true) {
            String line = pending != null ? pending : lines.next();
            pending = null;
            if (line == null) {
                return null;
            }
            linesRead++;
            if (ReplayRefusal.is(line)) {
                return new ReplayRow(Long.MIN_VALUE, line);
            }
            ReplayRow row = rows == null ? new ReplayRow(frameTime(line), line) : rows.row(line);
            if (row != null) {
                return row;
            }
        }
    }

    /** The receive time of a recorded frame, in ms. */
    private static long frameTime(String line) {
        int space = line.indexOf(' ');
        if (space <= 0 || space > 19) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(line.substring(0, space)) / 1_000_000;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Caravan CSV rows with their columns in the order of {@link ReplayFormat#TRADES}. */
    private static final class CaravanCsvRows implements ReplayRows {
        private final ReplayFormat format;
        private final int needed;

        CaravanCsvRows(ReplayFormat format) {
            this.format = format;
            this.needed = Math.max(Math.max(format.symbol(), format.price()), Math.max(format.size(),
                    format.tradeId())) + 1;
        }

        @Override
        public ReplayRow row(String line) {
            String[] c = line.split(",", -1);
            if (c.length < needed) {
                return ReplayRow.refused(io.caravan.tick.RejectReason.MALFORMED, "expected " + needed
                        + " columns, got " + c.length, line);
            }
            String ts = c[format.timestamp()];
            String id = format.tradeId() >= 0 ? c[format.tradeId()] : "";
            return new ReplayRow(ReplayDecoder.paceTime(ts.trim()), ts + "," + c[format.symbol()] + ","
                    + c[format.price()] + "," + c[format.size()] + "," + id);
        }
    }
}
