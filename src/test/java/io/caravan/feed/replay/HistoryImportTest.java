package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.BinanceTrades;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * History as users bring it, in one replay: a glob of Lean tick zips (AIG and BAC, one symbol-day each) and a
 * directory of Binance spot trade archives made here from the shared Binance recordings' trades, in both time units
 * (milliseconds as until 2024, microseconds as from 2025), with and without the header, zipped, gzipped and plain.
 * All merge in event time into the bars the same trades give computed directly (as the caravan CSV replay tests do).
 */
@QuarkusTest
@TestProfile(HistoryImportTest.Profile.class)
class HistoryImportTest {

    static final Path DATA = Path.of("target/test-data/history-import");
    static final Path ARCHIVES = Path.of("target/test-data/history-import-archives");
    static final String LEAN_DAY = "20131007";
    static final List<String> RECORDINGS = List.of("binance/spot_btcusdt_20240808.gz", "binance/spot_ethusdt_20240808.gz");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Await.deleteTree(ARCHIVES);
            if (RECORDINGS.stream().allMatch(SharedData::present)) {
                writeArchives();
            }
            return Map.of("caravan.feeds", "replay",
                    "caravan.replay.file", SharedData.ROOT.resolve("lean/tick") + "/*/" + LEAN_DAY + "_trade.zip, "
                            + ARCHIVES,
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv");
        }
    }

    /** Each recording's trades in two archive files of different kinds. */
    static void writeArchives() {
        String header = "id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch\n";
        List<TestTrade> btc = BinanceTrades.read(SharedData.ROOT.resolve(RECORDINGS.get(0)));
        List<TestTrade> eth = BinanceTrades.read(SharedData.ROOT.resolve(RECORDINGS.get(1)));
        write("BTCUSDT-trades-2024-08-08-a.zip", header + rows(btc.subList(0, btc.size() / 2), false));
        write("BTCUSDT-trades-2024-08-08-b.csv", rows(btc.subList(btc.size() / 2, btc.size()), true));
        write("ETHUSDT-trades-2024-08-08-a.csv.gz", rows(eth.subList(0, eth.size() / 2), false));
        write("ETHUSDT-trades-2024-08-08-b.zip", header + rows(eth.subList(eth.size() / 2, eth.size()), true));
    }

    private static String rows(List<TestTrade> trades, boolean micros) {
        StringBuilder out = new StringBuilder();
        for (TestTrade t : trades) {
            // microseconds below the millisecond too, as Binance's 2025 files have them
            long time = micros ? t.ts() * 1000 + Math.floorMod(t.order(), 1000) : t.ts();
            out.append(t.order()).append(',').append(t.price().toPlainString()).append(',')
                    .append(t.size().toPlainString()).append(',')
                    .append(t.price().multiply(t.size()).toPlainString()).append(',').append(time).append(',')
                    .append(t.order() % 2 == 0 ? "true" : "False").append(",True\n");
        }
        return out.toString();
    }

    private static void write(String name, String content) {
        Path file = ARCHIVES.resolve(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(ARCHIVES);
            if (name.endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(bytes);
                }
            } else if (name.endsWith(".zip")) {
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                    out.putNextEntry(new ZipEntry(name.replace(".zip", ".csv")));
                    out.write(bytes);
                    out.closeEntry();
                }
            } else {
                Files.write(file, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void leanZipsAndBinanceArchivesGiveTheBarsOfTheirTrades() throws Exception {
        SharedData.require(LeanTicks.file("AIG", LEAN_DAY));
        RECORDINGS.forEach(SharedData::require);
        List<TestTrade> trades = new ArrayList<>(LeanTicks.read(List.of("AIG", "BAC"), List.of(LEAN_DAY)));
        RECORDINGS.forEach(r -> trades.addAll(BinanceTrades.read(SharedData.ROOT.resolve(r))));

        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(true, summary.get("ok"), summary.toString());
        assertEquals(trades.size(), ((Number) summary.get("trades")).intValue(), summary.toString());
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "no trade refused");
    }
}
