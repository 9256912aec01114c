package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowReplacerTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheRowOfTheSameOpenTimeInPlace() throws Exception {
        Path file = dir.resolve("AAPL_1m.csv");
        Files.write(file, List.of("timestamp,open,high,low,close,vwap,volume,num_transactions",
                "2024-01-02T14:30:00Z,1,2,1,2,1.5,10,3", "2024-01-02T14:31:00Z,2,3,2,3,2.5,10,3"));
        assertTrue(CsvRowReplacer.replace(file, "2024-01-02T14:30:00Z,1,4,1,2,2,20,5\n", "2024-01-02T14:30:00Z,"));
        assertEquals(List.of("timestamp,open,high,low,close,vwap,volume,num_transactions",
                "2024-01-02T14:30:00Z,1,4,1,2,2,20,5", "2024-01-02T14:31:00Z,2,3,2,3,2.5,10,3"),
                Files.readAllLines(file));
        assertFalse(Files.exists(dir.resolve("AAPL_1m.csv.tmp")));
    }

    @Test
    void aRowNotInTheFileIsLeftToAppend() throws Exception {
        Path file = dir.resolve("AAPL_1m.csv");
        Files.write(file, List.of("timestamp,open", "2024-01-02T14:30:00Z,1"));
        assertFalse(CsvRowReplacer.replace(file, "2024-01-02T14:32:00Z,5\n", "2024-01-02T14:32:00Z,"));
        assertEquals(2, Files.readAllLines(file).size());
        assertFalse(CsvRowReplacer.replace(dir.resolve("none.csv"), "x\n", "x,"));
    }

    @Test
    void aRowOfATimeBeforeTheLastGoesInBeforeTheFirstLaterRow() throws Exception {
        // a bucket without live trades, first filled by start-up backfill after later bars were written
        Path file = dir.resolve("BTCUSDT_1s.csv");
        Files.write(file, List.of("timestamp,open", "2024-01-02T14:30:00Z,1", "2024-01-02T14:30:02Z,3"));
        assertTrue(CsvRowReplacer.replace(file, "2024-01-02T14:30:01Z,2\n", "2024-01-02T14:30:01Z,"));
        assertEquals(List.of("timestamp,open", "2024-01-02T14:30:00Z,1", "2024-01-02T14:30:01Z,2",
                "2024-01-02T14:30:02Z,3"), Files.readAllLines(file));
    }
}
