package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;

import io.caravan.support.ExpectedBar;
import io.caravan.support.OutputBars;

/**
 * What a fuzz run must leave behind, whatever the hostile input: every valid trade in the bars (per symbol, the
 * trade count and the exact sum of sizes), a dead letter whose every line is JSON with a reason, no record over
 * {@link #MAX_RECORD_BYTES}, no more records than the hostile cases can account for, and no bar file outside
 * {@code <data-dir>/bars/<interval>/}.
 */
final class FuzzOracle {

    /** The largest dead-letter record allowed: a frame's text is evidence, not a copy of whatever arrived. */
    static final long MAX_RECORD_BYTES = 64 * 1024;

    private FuzzOracle() {
    }

    /** The CSV bars, none when caravan wrote none (the folder is made with the first bar). */
    static Map<String, ExpectedBar> csvBars(Path dataDir) {
        return Files.isDirectory(dataDir.resolve("bars")) ? OutputBars.fromCsv(dataDir) : Map.of();
    }

    /** Bars of one interval per symbol, summed. */
    record Totals(BigDecimal volume, long trades) {
    }

    static Map<String, Totals> totals(Map<String, ExpectedBar> bars, String interval) {
        Map<String, Totals> totals = new TreeMap<>();
        bars.forEach((key, bar) -> {
            String[] parts = key.split("\\|");
            // the symbol may hold '|'? No: the validator refuses it. Key = symbol|interval|time
            if (parts.length == 3 && parts[1].equals(interval)) {
                totals.merge(parts[0], new Totals(bar.volume(), bar.trades()),
                        (a, b) -> new Totals(a.volume.add(b.volume), a.trades + b.trades));
            }
        });
        return totals;
    }

    /** Asserts everything at once and returns the figures for the log. */
    static String check(String what, FuzzSettings settings, FuzzCorpus.Summary corpus, Path dataDir,
            Map<String, ExpectedBar> bars, String interval, double seconds) throws IOException {
        DeadLetterFile deadLetter = DeadLetterFile.read(dataDir, MAX_RECORD_BYTES);
        Map<String, Totals> actual = totals(bars, interval);
        String figures = String.format(Locale.ROOT,
                "%s: seed %d, %d hostile cases (%,d bytes; %s), %d valid trades sent, %d dead-letter records (%,d bytes, "
                        + "largest %,d bytes), reasons %s, %.1f s",
                what, settings.seed(), corpus.cases(), corpus.hostileBytes(), corpus.mutations(), corpus.valid().sent(),
                deadLetter.records, deadLetter.bytes, deadLetter.largest, deadLetter.reasons, seconds);
        System.out.println("[fuzz] " + figures);
        if (!deadLetter.errors.isEmpty()) {
            System.out.println("[fuzz] records with reason 'error': " + deadLetter.errors);
        }
        String context = " [" + what + ", reproduce with " + settings.reproduce() + "]";
        List<Executable> checks = new ArrayList<>();
        long validCount = 0;
        for (var e : corpus.valid().counts().entrySet()) {
            String symbol = e.getKey();
            validCount += e.getValue();
            Totals got = actual.getOrDefault(symbol, new Totals(BigDecimal.ZERO, 0));
            BigDecimal sent = corpus.valid().volumes().get(symbol);
            checks.add(() -> assertEquals(e.getValue(), got.trades(), "trades of " + symbol + " in the bars" + context));
            checks.add(() -> assertEquals(0, sent.compareTo(got.volume()),
                    "volume of " + symbol + " in the bars: sent " + sent + ", got " + got.volume() + context));
        }
        long sentCount = validCount;
        long counted = corpus.valid().counts().keySet().stream()
                .mapToLong(s -> actual.getOrDefault(s, new Totals(BigDecimal.ZERO, 0)).trades()).sum();
        System.out.println("[fuzz] valid trades counted in the bars: " + counted + " of " + sentCount + " sent");
        checks.add(() -> assertTrue(deadLetter.problemCount == 0,
                deadLetter.problemCount + " bad dead-letter records, e.g. " + deadLetter.problems + context));
        checks.add(() -> assertTrue(deadLetter.largest <= MAX_RECORD_BYTES, "largest dead-letter record "
                + deadLetter.largest + " bytes > " + MAX_RECORD_BYTES + ": " + deadLetter.largestStart + context));
        checks.add(() -> assertTrue(deadLetter.records <= corpus.maxRecords(), deadLetter.records
                + " dead-letter records, more than the " + corpus.maxRecords() + " the hostile cases can cause" + context));
        checks.add(() -> assertEquals(List.of(), barFilesOutside(dataDir), "bar files outside " + dataDir.resolve("bars") + context));
        assertAll(checks);
        return figures;
    }

    /**
     * Files a fuzz symbol could have written outside a bars folder: anything named like one anywhere in target/
     * that is not {@code <a data dir>/bars/<interval>/<file>} (a symbol that climbed out of its interval's folder
     * would sit in {@code bars/} or above).
     */
    static List<Path> barFilesOutside(Path dataDir) throws IOException {
        try (Stream<Path> all = Files.walk(Path.of("target"))) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains("fz"))
                    .filter(p -> !p.getFileName().toString().endsWith(".class"))
                    .filter(p -> p.getParent() == null || p.getParent().getParent() == null
                            || !p.getParent().getParent().getFileName().toString().equals("bars"))
                    .toList();
        }
    }
}
