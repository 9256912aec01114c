package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;

/** The csv sink's writes: one append per file per batch, rows as camel-csv wrote them, revisions in place, retries. */
class CsvBarFilesTest {

    static final Interval S1 = Interval.parse("1s");
    static final Interval M1 = Interval.parse("1m");
    static final BarFields FIELDS = new BarFields();

    @TempDir
    Path dataDir;

    static Bar bar(String symbol, Interval interval, long open, String close, Long trades) {
        BigDecimal price = new BigDecimal(close);
        BigDecimal volume = trades == null ? new BigDecimal("0.5") : BigDecimal.valueOf(trades);
        BigDecimal vwap = trades == null ? null : price;
        return new Bar(symbol, interval, open, price, price, price, price, volume, price.multiply(volume), vwap, trades);
    }

    static Bar revised(Bar bar, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Bar(bar.symbol(), bar.interval(), bar.openTime(), price, price, price, price, bar.volume(),
                price.multiply(bar.volume()), price, bar.trades(), BarQuality.LIVE, bar.revision() + 1);
    }

    /** The file as the camel-csv route wrote it: the header once, then one marshalled row per bar. */
    static String asCamelCsvWroteIt(List<Bar> bars) throws Exception {
        StringBuilder file = new StringBuilder();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (int i = 0; i < bars.size(); i++) {
                CsvDataFormat format = new CsvDataFormat();
                format.setHeader(String.join(",", BarFields.CSV_COLUMNS));
                format.setSkipHeaderRecord(i > 0);
                format.setRecordSeparator("\n");
                format.start();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                format.marshal(new DefaultExchange(camel), FIELDS.csvRow(bars.get(i)), out);
                file.append(out.toString(StandardCharsets.UTF_8));
            }
        }
        return file.toString();
    }

    String file(Bar bar) throws IOException {
        return Files.readString(dataDir.resolve(CsvBarFiles.relativePath(bar)));
    }

    @Test
    void eachFileGetsItsHeaderOnceAndItsRowsInOrderAsCamelCsvWroteThem() throws Exception {
        CsvBarFiles files = new CsvBarFiles(dataDir, FIELDS);
        List<Bar> first = List.of(bar("AAA", S1, 0, "10.50", 3L), bar("BBB", S1, 0, "7", 1L),
                bar("AAA", M1, 0, "10.25", 9L), bar("AAA", S1, 1_000, "10.75", null));
        List<Bar> second = List.of(bar("BBB", S1, 1_000, "7.125", 2L), bar("AAA", S1, 2_000, "11", 0L));
        files.write(first, new HashSet<>());
        files.write(second, new HashSet<>());

        assertEquals(asCamelCsvWroteIt(List.of(first.get(0), first.get(3), second.get(1))), file(first.get(0)));
        assertEquals(asCamelCsvWroteIt(List.of(first.get(1), second.get(0))), file(first.get(1)));
        assertEquals(asCamelCsvWroteIt(List.of(first.get(2))), file(first.get(2)));
        try (var dirs = Files.list(dataDir.resolve("bars"))) {
            assertEquals(Set.of("1s", "1m"), Set.copyOf(dirs.map(d -> d.getFileName().toString()).toList()));
        }
    }

    @Test
    void aRevisionReplacesItsRowEvenWhenTheRowCameInTheSameBatch() throws Exception {
        CsvBarFiles files = new CsvBarFiles(dataDir, FIELDS);
        Bar a0 = bar("AAA", S1, 0, "10", 1L);
        Bar a1 = bar("AAA", S1, 1_000, "11", 1L);
        Bar a2 = bar("AAA", S1, 2_000, "12", 1L);
        files.write(List.of(a0), new HashSet<>());
        files.write(List.of(a1, revised(a0, "9"), revised(a1, "13"), a2), new HashSet<>());

        assertEquals(asCamelCsvWroteIt(List.of(revised(a0, "9"), revised(a1, "13"), a2)), file(a0));
    }

    @Test
    void aFailedFileIsWrittenByTheNextAttemptAndTheFilesWrittenBeforeItAreNotWrittenAgain() throws Exception {
        CsvBarFiles files = new CsvBarFiles(dataDir, FIELDS);
        Bar a = bar("AAA", S1, 0, "10", 1L);
        Bar b = bar("BBB", S1, 0, "20", 2L);
        Bar c = bar("CCC", S1, 0, "30", 3L);
        List<Bar> batch = List.of(a, b, c);
        // BBB's file cannot be written: a directory stands where it would be
        Path blocked = dataDir.resolve(CsvBarFiles.relativePath(b));
        Files.createDirectories(blocked);
        Set<String> written = new HashSet<>();

        assertThrows(IOException.class, () -> files.write(batch, written));
        assertEquals(Set.of(CsvBarFiles.relativePath(a)), written);
        assertEquals(List.of(b, c), CsvBarFiles.unwritten(batch, written));

        Files.delete(blocked);
        files.write(batch, written);
        for (Bar bar : batch) {
            assertEquals(asCamelCsvWroteIt(List.of(bar)), file(bar), bar.symbol());
        }
        assertEquals(List.of(), CsvBarFiles.unwritten(batch, written));
    }

    @Test
    void aSymbolStaysInsideItsIntervalsDirectory() throws Exception {
        CsvBarFiles files = new CsvBarFiles(dataDir, FIELDS);
        List<Bar> bars = new ArrayList<>();
        for (String symbol : List.of("../../escape", "BINANCE:BTCUSDT", "a/b")) {
            bars.add(bar(symbol, S1, 0, "1", 1L));
        }
        files.write(bars, new HashSet<>());
        try (var written = Files.list(dataDir.resolve("bars/1s"))) {
            assertEquals(3, written.filter(Files::isRegularFile).count());
        }
        try (var intervals = Files.list(dataDir.resolve("bars"))) {
            assertEquals(List.of(dataDir.resolve("bars/1s")), intervals.toList());
        }
        try (var top = Files.list(dataDir)) {
            assertEquals(List.of(dataDir.resolve("bars")), top.toList());
        }
    }
}
