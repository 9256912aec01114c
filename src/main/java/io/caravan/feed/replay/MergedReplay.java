package io.caravan.feed.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several replay files merged in event time: a k-way merge that holds one row per file (memory does not grow with
 * the files' length), the earliest first; equal times go in file order, then line order. Trade files of any kind
 * (caravan CSV, Lean, Binance) merge as caravan CSV rows; recorded frames merge with recorded frames by receive time.
 */
final class MergedReplay implements ReplayInput {

    private static final Logger LOG = LoggerFactory.getLogger(MergedReplay.class);

    private record Head(ReplayRow row, int file) {
    }

    private final List<ReplaySourceFile> files;
    private final ReplayFormat format;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparingLong((Head h) -> h.row().time()).thenComparingInt(Head::file));
    private final long totalBytes;

    /** Takes ownership of the files: closes them at the end, or when this fails. */
    MergedReplay(List<ReplaySourceFile> files) throws IOException {
        this.files = files;
        try {
            boolean frames = files.get(0).type() == ReplayFileType.FRAMES;
            for (ReplaySourceFile file : files) {
                if ((file.type() == ReplayFileType.FRAMES) != frames) {
                    throw new IllegalArgumentException("recorded frames cannot be merged with trade files: "
                            + files.get(0).path() + " is " + files.get(0).type() + ", " + file.path() + " is "
                            + file.type());
                }
            }
            this.format = frames ? ReplayFormat.FRAMES : ReplayFormat.TRADES;
            long bytes = 0;
            for (int i = 0; i < files.size(); i++) {
                bytes += files.get(i).size();
                advance(i);
            }
            this.totalBytes = bytes;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void advance(int file) throws IOException {
        ReplayRow row = files.get(file).next();
        if (row != null) {
            heads.add(new Head(row, file));
        } else {
            long leftOut = files.get(file).leftOut();
            if (leftOut > 0) {
                LOG.info("{}: {} rows flagged suspicious left out", files.get(file).path(), leftOut);
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public String next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        try {
            advance(head.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return head.row().line();
    }

    @Override
    public ReplayFormat format() {
        return format;
    }

    @Override
    public String name() {
        return files.size() == 1 ? files.get(0).path().toString()
                : files.size() + " files: " + files.stream().map(f -> f.path().getFileName().toString())
                        .limit(10).collect(Collectors.joining(", ")) + (files.size() > 10 ? ", ..." : "");
    }

    /** The kinds of file merged, for the log. */
    String kinds() {
        return files.stream().map(f -> f.type().name()).distinct().collect(Collectors.joining(", "));
    }

    @Override
    public double progress() {
        long read = 0;
        for (ReplaySourceFile file : files) {
            read += file.bytesRead();
        }
        return totalBytes == 0 ? 1 : Math.min(1, (double) read / totalBytes);
    }

    @Override
    public long linesRead() {
        long lines = 0;
        for (ReplaySourceFile file : files) {
            lines += file.linesRead();
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (ReplaySourceFile file : new ArrayList<>(files)) {
            try {
                file.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
