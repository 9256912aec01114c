package io.caravan.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Replay CSVs for the benchmark, generated with a fixed seed: a random walk of {@code symbols} symbols, 1,000 trades
 * per second of event time in all (10M ticks span about 2.8 hours, so every interval up to 1h closes many times),
 * each symbol at most one trade per millisecond; and the boundary burst, one trade per symbol in the same minute.
 */
public final class SyntheticTicks {

    static final long START = 1_704_189_600_000L; // 2024-01-02T10:00:00Z
    static final int TICKS_PER_SECOND = 1_000;

    private SyntheticTicks() {
    }

    public static List<String> symbols(int count) {
        List<String> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            symbols.add(String.format("S%05d", i));
        }
        return symbols;
    }

    /** Writes {@code ticks} trades over {@code symbolCount} symbols; returns the last trade's symbol. */
    public static String write(Path file, long ticks, int symbolCount) throws IOException {
        List<String> symbols = symbols(symbolCount);
        long[] cents = new long[symbolCount];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < symbolCount; i++) {
            cents[i] = 1_000 + random.nextInt(50_000);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String last = "";
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("timestamp,symbol,price,size\n");
            StringBuilder line = new StringBuilder(64);
            for (long n = 0; n < ticks; n++) {
                int s = (int) (n % symbolCount);
                long ts = START + n * 1_000 / TICKS_PER_SECOND;
                cents[s] = Math.max(100, cents[s] + random.nextInt(-5, 6));
                int size = 1 + random.nextInt(500);
                line.setLength(0);
                line.append(ts).append(',').append(symbols.get(s)).append(',')
                        .append(cents[s] / 100).append('.').append(cents[s] % 100 < 10 ? "0" : "").append(cents[s] % 100)
                        .append(',').append(size).append('\n');
                out.append(line);
                last = symbols.get(s);
            }
        }
        return last;
    }

    /** One trade per symbol, all in the minute 10:30 of one hour: at end of input every interval closes at once. */
    public static void writeBurst(Path file, int symbolCount) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("timestamp,symbol,price,size\n");
            List<String> symbols = symbols(symbolCount);
            for (int i = 0; i < symbolCount; i++) {
                out.write((START + 30 * 60_000 + i % 60_000) + "," + symbols.get(i) + ",12.34," + (1 + i % 100) + "\n");
            }
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Long.parseLong(args[1]), Integer.parseInt(args[2]));
    }
}
