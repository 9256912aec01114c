package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        return file;
    }

    private static List<String> readAll(ReplayFile file) {
        List<String> lines = new ArrayList<>();
        while (file.hasNext()) {
            lines.add(file.next());
        }
        return lines;
    }

    @Test
    void csvWithHeaderSkipsHeaderAndBlankLines() throws IOException {
        Path path = write("trades.csv", "timestamp,symbol,price,size,trade_id\n"
                + "1723161300000,AAPL,1.50,10,1\n\n   \n1723161300001,AAPL,1.51,5,2\r\n\n");
        try (ReplayFile file = new ReplayFile(path)) {
            assertEquals(new ReplayFormat(0, 1, 2, 3, 4), file.format());
            assertEquals(path, file.path());
            assertEquals(List.of("1723161300000,AAPL,1.50,10,1", "1723161300001,AAPL,1.51,5,2"), readAll(file));
            assertEquals(2, file.linesRead());
            assertEquals(1.0, file.progress());
            assertThrows(NoSuchElementException.class, file::next);
        }
    }

    @Test
    void headerColumnOrderIsUsed() throws IOException {
        try (ReplayFile file = new ReplayFile(write("t.csv", "TIMESTAMP,size,price,symbol\n1,2,3,X\n"))) {
            assertEquals(new ReplayFormat(0, 3, 2, 1, -1), file.format());
            assertEquals(List.of("1,2,3,X"), readAll(file));
        }
    }

    @Test
    void byteOrderMarkIsStripped() throws IOException {
        try (ReplayFile file = new ReplayFile(write("bom.csv", "\uFEFFtimestamp,symbol,price,size\n1,X,1,1\n"))) {
            assertTrue(file.format().isCsv());
            assertEquals(List.of("1,X,1,1"), readAll(file));
        }
        try (ReplayFile file = new ReplayFile(write("bom.frames", "\uFEFF1000000 {\"type\":\"ping\"}\n"))) {
            assertFalse(file.format().isCsv());
            assertEquals(List.of("1000000 {\"type\":\"ping\"}"), readAll(file));
        }
    }

    @Test
    void recordedFramesKeepTheirFirstLine() throws IOException {
        String content = "1723161253937085768 {\"type\":\"ping\"}\n\n1723161253937085769 {\"result\":null,\"id\":1}\n";
        try (ReplayFile file = new ReplayFile(write("frames.txt", content))) {
            assertEquals(ReplayFormat.FRAMES, file.format());
            assertEquals(List.of("1723161253937085768 {\"type\":\"ping\"}", "1723161253937085769 {\"result\":null,\"id\":1}"),
                    readAll(file));
        }
    }

    @Test
    void leadingBlankLinesAreSkipped() throws IOException {
        try (ReplayFile file = new ReplayFile(write("frames.txt", "\n  \n1000000 {\"type\":\"ping\"}\n"))) {
            assertEquals(ReplayFormat.FRAMES, file.format());
            assertEquals(List.of("1000000 {\"type\":\"ping\"}"), readAll(file));
        }
        try (ReplayFile file = new ReplayFile(write("bom-blank.csv", "\uFEFF\n\ntimestamp,symbol,price,size\n1,X,1,1\n"))) {
            assertTrue(file.format().isCsv());
            assertEquals(List.of("1,X,1,1"), readAll(file));
        }
        try (ReplayFile file = new ReplayFile(write("lead.csv", "\ntimestamp,symbol,price,size\n1,X,1,1\n"))) {
            assertTrue(file.format().isCsv());
            assertEquals(List.of("1,X,1,1"), readAll(file));
        }
    }

    @Test
    void gzipFilesAreReadTransparently() throws IOException {
        StringBuilder content = new StringBuilder("timestamp,symbol,price,size\n");
        for (int i = 0; i < 5_000; i++) {
            content.append(1_723_161_300_000L + i).append(",BTCUSDT,61837.").append(i % 100).append(",0.001\n");
        }
        Path path = write("trades.csv.gz", content.toString());
        assertTrue(Files.size(path) < content.length(), "really compressed");
        try (ReplayFile file = new ReplayFile(path)) {
            assertTrue(file.format().isCsv());
            assertTrue(file.progress() < 1.0 || Files.size(path) < (1 << 16));
            List<String> lines = readAll(file);
            assertEquals(5_000, lines.size());
            assertEquals("1723161300000,BTCUSDT,61837.0,0.001", lines.get(0));
            assertEquals("1723161304999,BTCUSDT,61837.99,0.001", lines.get(4_999));
            assertEquals(1.0, file.progress());
        }
    }

    @Test
    void gzipRecordedFrames() throws IOException {
        Path path = write("frames.gz", "1000000 {\"type\":\"ping\"}\n2000000 {\"type\":\"ping\"}\n");
        try (ReplayFile file = new ReplayFile(path)) {
            assertFalse(file.format().isCsv());
            assertEquals(2, readAll(file).size());
            assertEquals(1.0, file.progress());
        }
    }

    @Test
    void progressGrowsToOneOnALargeFile() throws IOException {
        StringBuilder content = new StringBuilder("timestamp,symbol,price,size\n");
        for (int i = 0; i < 20_000; i++) {
            content.append(1_723_161_300_000L + i).append(",ETHUSDT,2500.25,0.5\n");
        }
        try (ReplayFile file = new ReplayFile(write("big.csv", content.toString()))) {
            double previous = file.progress();
            assertTrue(previous > 0 && previous < 1.0, "only the first buffer is read: " + previous);
            while (file.hasNext()) {
                file.next();
                double p = file.progress();
                assertTrue(p >= previous && p <= 1.0);
                previous = p;
            }
            assertEquals(1.0, file.progress());
            assertEquals(20_000, file.linesRead());
        }
    }

    @Test
    void emptyFile() throws IOException {
        try (ReplayFile file = new ReplayFile(write("empty.csv", ""))) {
            assertFalse(file.hasNext());
            assertEquals(1.0, file.progress());
        }
        try (ReplayFile file = new ReplayFile(write("header-only.csv", "timestamp,symbol,price,size\n"))) {
            assertTrue(file.format().isCsv());
            assertFalse(file.hasNext());
            assertEquals(1.0, file.progress());
        }
    }

    @Test
    void missingFileAndBadHeader() throws IOException {
        assertThrows(IOException.class, () -> new ReplayFile(dir.resolve("nope.csv")));
        assertThrows(IOException.class, () -> new ReplayFile(dir));
        Path bad = write("bad.csv", "timestamp,symbol,price\n1,X,1\n");
        assertThrows(IllegalArgumentException.class, () -> new ReplayFile(bad));
    }

    @Test
    void decodesAWholeFileEndToEnd() throws IOException {
        String binance = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342,\"m\":true,\"M\":true}}";
        Path path = write("rec.gz", "1723161253937085768 " + binance + "\n1723161254000000000 {\"type\":\"ping\"}\n");
        ReplayDecoder decoder = new ReplayDecoder(new io.caravan.feed.finnhub.FinnhubCodec(),
                new io.caravan.feed.binance.BinanceCodec(), new io.caravan.feed.alltick.AllTickCodec());
        int trades = 0;
        try (ReplayFile file = new ReplayFile(path)) {
            while (file.hasNext()) {
                trades += decoder.decode(file.next(), file.format()).trades().size();
            }
        }
        assertEquals(1, trades);
    }

    @Test
    void aLineOverTheDefaultLimitIsRefusedNotRead() throws IOException {
        // 17 million characters without a newline, then a good row: before, the whole line came back as a String
        StringBuilder content = new StringBuilder("timestamp,symbol,price,size\n1,X,");
        content.append("7".repeat(17_000_000)).append(",1\n2,X,1,1\n");
        try (ReplayFile file = new ReplayFile(write("huge.csv", content.toString()))) {
            String first = file.next();
            assertTrue(first.length() < 1_000, "a line of " + first.length() + " characters came back");
            assertEquals("2,X,1,1", file.next());
        }
    }
}
