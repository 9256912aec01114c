package io.caravan.feed.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * One replay input, read line by line (gzip when the name ends in .gz): a CSV with header
 * {@code timestamp,symbol,price,size[,trade_id]} or recorded frames {@code <epoch-ns> <raw frame>}.
 */
public class ReplayFile implements ReplayInput {

    private final Path path;
    private final long size;
    private final ByteCountingStream counted;
    private final ReplayLineReader reader;
    private final ReplayFormat format;
    private String next;
    private long lines;

    public ReplayFile(Path path) throws IOException {
        this(path, ReplayInputs.DEFAULT_MAX_LINE_CHARS);
    }

    /** @param maxLineChars a longer line is given as a {@code too large} refusal, not read into memory */
    public ReplayFile(Path path, int maxLineChars) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("replay file " + path + " does not exist");
        }
        this.path = path;
        this.size = Files.size(path);
        this.counted = new ByteCountingStream(Files.newInputStream(path));
        InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
        this.reader = new ReplayLineReader(new InputStreamReader(in, StandardCharsets.UTF_8), maxLineChars);
        String first = reader.first();
        this.format = first != null && ReplayRefusal.is(first) ? ReplayFormat.FRAMES : ReplayFormat.detect(first);
        this.next = format.isCsv() ? readLine() : first;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public ReplayFormat format() {
        return format;
    }

    public Path path() {
        return path;
    }

    @Override
    public double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counted.count() / size);
    }

    @Override
    public long linesRead() {
        return lines;
    }

    private String readLine() {
        try {
            return reader.next();
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
}
