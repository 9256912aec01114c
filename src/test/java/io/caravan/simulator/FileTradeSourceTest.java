package io.caravan.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching and pacing of the replay, without a server: the sink just records the batches. */
class FileTradeSourceTest {

    @TempDir
    Path dir;

    @Test
    void maxSpeedCutsBatchesOnlyBetweenTimestamps() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,symbol,price,size\n");
        for (int i = 0; i < 1200; i++) {
            long t = i >= 495 && i < 510 ? 1_000_495 : 1_000_000 + i; // 15 rows share one timestamp across row 500
            csv.append(t).append(",AAPL,1.50,").append(i + 1).append('\n');
        }
        List<List<SimTrade>> batches = new ArrayList<>();
        FileTradeSource.Result result = replay(csv.toString(), OptionalDouble.empty(), batches);

        assertEquals(1200, result.tradesSent());
        assertEquals(List.of(510, 500, 190), batches.stream().map(List::size).toList());
        assertEquals(1_000_495, batches.get(0).get(509).timestamp());
        List<String> sizes = batches.stream().flatMap(List::stream).map(SimTrade::size).toList();
        for (int i = 0; i < sizes.size(); i++) {
            assertEquals(Integer.toString(i + 1), sizes.get(i), "file order");
        }
    }

    @Test
    void pacedReplayFollowsTheTimestamps() throws Exception {
        String csv = """
                timestamp,symbol,price,size
                1723161300000,AAPL,1,1
                1723161300100,AAPL,2,1
                1723161300100,MSFT,3,1
                1723161300050,AAPL,4,1
                1723161300300,AAPL,5,1
                """;
        List<List<SimTrade>> batches = new ArrayList<>();
        long start = System.nanoTime();
        replay(csv, OptionalDouble.of(1), batches);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // the late row (older than one already sent) goes at once, with the rows before it
        assertEquals(List.of(List.of("1"), List.of("2", "3", "4"), List.of("5")),
                batches.stream().map(b -> b.stream().map(SimTrade::price).toList()).toList());
        assertTrue(elapsedMillis >= 290, "300 ms of file time at speed 1 took " + elapsedMillis + " ms");
    }

    @Test
    void skipsRowsThatDoNotParseAndCountsThem() throws Exception {
        String csv = """
                symbol,price,timestamp,size
                AAPL,1.0,2024-08-08T23:55:00.123Z,10
                AAPL,+1.0,2024-08-08T23:55:00.124Z,10
                AAPL,1.0,2024-08-08T23:55:00.125+02:00,10
                AAPL,1.0,not-a-time,10
                ,1.0,1723161300000,10
                AAPL,1.0,1723161300000
                "BINANCE:BTCUSDT",1e3,1723161300001,0.5
                """;
        List<List<SimTrade>> batches = new ArrayList<>();
        FileTradeSource.Result result = replay(csv, OptionalDouble.empty(), batches);
        assertEquals(4, result.rowsSkipped());
        assertEquals(List.of(
                new SimTrade("AAPL", 1723161300123L, "1.0", "10"),
                new SimTrade("AAPL", 1723161300125L - 7_200_000L, "1.0", "10"),
                new SimTrade("BINANCE:BTCUSDT", 1723161300001L, "1e3", "0.5")),
                batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void refusesAFileWithoutTheRequiredColumns() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> replay("time,symbol,price,size\n1,AAPL,1,1\n", OptionalDouble.empty(), new ArrayList<>()));
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    private FileTradeSource.Result replay(String csv, OptionalDouble speed, List<List<SimTrade>> batches)
            throws Exception {
        Path file = Files.writeString(dir.resolve("replay.csv"), csv);
        return new FileTradeSource(file, speed, batch -> {
            batches.add(List.copyOf(batch));
            return batch.size();
        }).replay();
    }
}
