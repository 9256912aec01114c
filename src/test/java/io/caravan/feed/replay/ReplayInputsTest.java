package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.support.LeanTicks;
import io.caravan.support.SharedData;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/** Several files, directories and globs, merged in event time; Lean and Binance files; lines over the limit. */
class ReplayInputsTest {

    @TempDir
    Path dir;

    private final ReplayDecoder decoder = new ReplayDecoder(new FinnhubCodec(), new BinanceCodec(), new AllTickCodec());

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else if (name.endsWith(".zip")) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                out.putNextEntry(new ZipEntry(name.substring(0, name.length() - 4) + ".csv"));
                out.write(bytes);
                out.closeEntry();
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static List<String> readAll(ReplayInput input) throws IOException {
        List<String> lines = new ArrayList<>();
        try (input) {
            while (input.hasNext()) {
                lines.add(input.next());
            }
        }
        return lines;
    }

    @Test
    void filesMergeInEventTimeTiesByFileThenLine() throws IOException {
        write(dir.resolve("a.csv"), "timestamp,symbol,price,size\n1000,A,1,1\n2000,A,2,1\n2000,A,3,1\n4000,A,4,1\n");
        // another column order, and trade ids
        write(dir.resolve("b.csv"), "timestamp,price,size,symbol,trade_id\n1500,5,1,B,7\n2000,6,1,B,8\n3000,7,1,B,9\n");
        write(dir.resolve("c.csv.gz"), "timestamp,symbol,price,size\n2000,C,8,1\n");
        ReplayInput merged = ReplayInputs.open(dir.resolve("a.csv") + " , " + dir.resolve("b.csv") + ","
                + dir.resolve("c.csv.gz"), ReplayInputs.DEFAULT_MAX_LINE_CHARS);
        assertEquals(ReplayFormat.TRADES, merged.format());
        assertEquals(List.of("1000,A,1,1,", "1500,B,5,1,7", "2000,A,2,1,", "2000,A,3,1,", "2000,B,6,1,8", "2000,C,8,1,",
                "3000,B,7,1,9", "4000,A,4,1,"), readAll(merged));

        // the directory and a glob name the same files, by name
        assertEquals(List.of(dir.resolve("a.csv"), dir.resolve("b.csv"), dir.resolve("c.csv.gz")),
                ReplayInputs.resolve(dir.toString()));
        assertEquals(List.of(dir.resolve("a.csv"), dir.resolve("b.csv")), ReplayInputs.resolve(dir + "/?.csv"));
        assertThrows(IOException.class, () -> ReplayInputs.resolve(dir + "/*.nothing"));
    }

    @Test
    void oneCaravanFileIsReadAsItIs() throws IOException {
        Path one = write(dir.resolve("one.csv"), "timestamp,price,size,symbol\n1,2,3,X\n");
        ReplayInput input = ReplayInputs.open(one.toString(), ReplayInputs.DEFAULT_MAX_LINE_CHARS);
        assertInstanceOf(ReplayFile.class, input);
        assertEquals(List.of("1,2,3,X"), readAll(input));
    }

    @Test
    void framesMergeByReceiveTimeButNotWithTradeFiles() throws IOException {
        write(dir.resolve("f/1.frames"), "3000000 {\"type\":\"ping\"}\n5000000 {\"type\":\"ping\",\"n\":2}\n");
        write(dir.resolve("f/2.frames.gz"), "4000000 {\"type\":\"ping\",\"n\":3}\n");
        assertEquals(List.of("3000000 {\"type\":\"ping\"}", "4000000 {\"type\":\"ping\",\"n\":3}",
                "5000000 {\"type\":\"ping\",\"n\":2}"),
                readAll(ReplayInputs.open(dir.resolve("f").toString(), ReplayInputs.DEFAULT_MAX_LINE_CHARS)));
        write(dir.resolve("t.csv"), "timestamp,symbol,price,size\n1,X,1,1\n");
        assertThrows(IllegalArgumentException.class, () -> ReplayInputs.open(dir.resolve("f") + "," + dir.resolve("t.csv"),
                ReplayInputs.DEFAULT_MAX_LINE_CHARS));
    }

    @Test
    void binanceArchivesInMillisecondsAndMicrosecondsWithAndWithoutHeader() throws IOException {
        // 2024: milliseconds; 2025 on: microseconds; told by the value, so both units in one file work
        write(dir.resolve("BTCUSDT-trades-2025-01-01.zip"), "id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch\n"
                + "4349923452,93576.00000000,0.00013000,12.16488000,1735689600000,False,True\n"
                + "4349923453,93576.01000000,0.00520000,486.59525200,1735689600000999,true,true\n");
        write(dir.resolve("ethusdt-trades-2024-08.csv"), "1,2600.5,0.1,260.05,1723161255342,true,true\n");
        List<String> rows = readAll(ReplayInputs.open(dir + "/*-trades-*", ReplayInputs.DEFAULT_MAX_LINE_CHARS));
        assertEquals(List.of("1723161255342,ETHUSDT,2600.5,0.1,1",
                "1735689600000,BTCUSDT,93576.00000000,0.00013000,4349923452",
                "1735689600000,BTCUSDT,93576.01000000,0.00520000,4349923453"), rows);
        RawTrade trade = decoder.decode(rows.get(2), ReplayFormat.TRADES).trades().get(0);
        assertEquals("4349923453", trade.tradeId());
        assertEquals("1735689600000", trade.ts());
    }

    @Test
    void aLineOverTheLimitIsARefusalAndTheNextLineIsRead() throws IOException {
        String huge = "1,X," + "9".repeat(5_000) + ",1";
        write(dir.resolve("big.csv"), "timestamp,symbol,price,size\n" + huge + "\n2,X,1,1\n");
        write(dir.resolve("other.csv"), "timestamp,symbol,price,size\n3,Y,1,1\n");
        for (String spec : List.of(dir.resolve("big.csv").toString(), dir.resolve("big.csv") + "," + dir.resolve("other.csv"))) {
            List<String> lines = readAll(ReplayInputs.open(spec, 1_000));
            TickRejectedException refused = assertThrows(TickRejectedException.class,
                    () -> decoder.decode(lines.get(0), ReplayFormat.TRADES));
            assertEquals(RejectReason.TOO_LARGE, refused.reason());
            assertTrue(refused.getMessage().contains("line of 5006 characters, over the limit of 1000"),
                    refused.getMessage());
            assertEquals(256, refused.raw().length());
            assertTrue(lines.get(1).startsWith("2,X,1,1"), lines.toString());
        }
    }

    @Test
    void leanZipsGiveTheTradesOfTheirSymbolDayInNewYorkTime() throws IOException {
        Path zip = SharedData.require(LeanTicks.file("AIG", "20131007"));
        List<String> raw = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            in.getNextEntry();
            new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().forEach(raw::add);
        }
        List<String> kept = raw.stream().filter(l -> !l.endsWith(",1")).toList();
        List<String> rows = readAll(ReplayInputs.open(zip.toString(), ReplayInputs.DEFAULT_MAX_LINE_CHARS));
        assertEquals(kept.size(), rows.size());
        // 14400688,491800,300,P,2000,0: 4:00:00.688 after midnight in New York (EDT, UTC-4) is 08:00:00.688 UTC
        assertEquals("14400688,491800,300,P,2000,0", kept.get(0));
        assertEquals(Instant.parse("2013-10-07T08:00:00.688Z").toEpochMilli() + ",AIG,49.1800,300,", rows.get(0));
        for (int i = 0; i < rows.size(); i++) {
            String[] in = kept.get(i).split(",");
            String[] out = rows.get(i).split(",", -1);
            assertEquals(Instant.parse("2013-10-07T04:00:00Z").toEpochMilli() + Long.parseLong(in[0]),
                    Long.parseLong(out[0]));
            assertEquals(new BigDecimal(in[1]).movePointLeft(4), new BigDecimal(out[2]));
            assertEquals(in[2], out[3]);
            RawTrade trade = decoder.decode(rows.get(i), ReplayFormat.TRADES).trades().get(0);
            assertEquals("AIG", trade.symbol());
        }
    }

    @Test
    void suspiciousLeanRowsAreLeftOutAndABadRowIsRefused() throws IOException {
        Path zip = dir.resolve("lean/tick/spy/20131103_trade.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("20131103_spy_Trade_Tick.csv"));
            // 2013-11-03 New York falls back at 2:00: midnight is 04:00 UTC (EDT), 3 hours after it 07:00 UTC
            out.write(("3600000,1700000,100,P,0,0\n3600001,1800000,5,P,0,1\n10800000,1710000,7,P,0,0\n"
                    + "x,1,1,P,0,0\n").getBytes(StandardCharsets.US_ASCII));
        }
        List<String> rows = readAll(ReplayInputs.open(dir + "/lean/tick/*/*_trade.zip",
                ReplayInputs.DEFAULT_MAX_LINE_CHARS));
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(Instant.parse("2013-11-03T05:00:00Z").toEpochMilli() + ",SPY,170.0000,100,", rows.get(0));
        assertEquals(Instant.parse("2013-11-03T07:00:00Z").toEpochMilli() + ",SPY,171.0000,7,", rows.get(1));
        TickRejectedException refused = assertThrows(TickRejectedException.class,
                () -> decoder.decode(rows.get(2), ReplayFormat.TRADES));
        assertEquals(RejectReason.NOT_A_NUMBER, refused.reason());
        assertEquals("x,1,1,P,0,0", refused.raw());
    }

    @Test
    void aLineOfNoKnownKindIsReadAsAFrameAndRefused() throws IOException {
        write(dir.resolve("x.txt"), "hello,world\n");
        List<String> lines = readAll(ReplayInputs.open(dir.resolve("x.txt").toString(), 1000));
        assertEquals(List.of("hello,world"), lines);
        assertEquals(RejectReason.MALFORMED, assertThrows(TickRejectedException.class,
                () -> decoder.decode(lines.get(0), ReplayFormat.FRAMES)).reason());
    }

    @Test
    void progressLinesComeAtMostEveryPeriodWithAnEta() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ReplayProgress progress = new ReplayProgress(now::get, 5_000_000_000L);
        now.addAndGet(4_000_000_000L);
        assertTrue(progress.due(0.1, 10, 10).isEmpty());
        now.addAndGet(6_000_000_000L); // 10 s in, a quarter done: 30 s left
        assertEquals("Replay 25.0%: 1000 lines, 2000 trades, 200 trades/s, ETA 0:00:30",
                progress.due(0.25, 1000, 2000).orElseThrow());
        now.addAndGet(1_000_000_000L);
        assertTrue(progress.due(0.3, 1000, 2000).isEmpty());
        assertEquals("1:01:01", ReplayProgress.duration(3661));
    }
}
