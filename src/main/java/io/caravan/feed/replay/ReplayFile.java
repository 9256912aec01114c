package io.caravan.feed.replay;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * One replay input, read line by line (gzip when the name ends in .gz): a CSV with header
 * {@code timestamp,symbol,price,size[,trade_id]} or recorded frames {@code <epoch-ns> <raw frame>}.
 */
public class ReplayFile implements Iterator<String>, Closeable {

    private final Path path;
    private final long size;
    private final CountingStream counted;
    private final BufferedReader reader;
    private final ReplayFormat format;
    private String next;
    private long lines;

    public ReplayFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("replay file " + path + " does not exist");
        }
        this.path = path;
        this.size = Files.size(path);
        this.counted = new CountingStream(Files.newInputStream(path));
        InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String first = reader.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        while (first != null && first.isBlank()) {
            first = reader.readLine();
        }
        this.format = ReplayFormat.detect(first);
        this.next = format.isCsv() ? readLine() : first;
    }

    public ReplayFormat format() {
        return format;
    }

    public Path path() {
        return path;
    }

    /** Fraction of the file read, 0..1. */
    public double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counted.count / size);
    }

    public long linesRead() {
        return lines;
    }

    private String readLine() {
        try {
            String line;
            do {
                line = reader.readLine();
            } while (line != null && line.isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = readLine();
        lines++;
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
