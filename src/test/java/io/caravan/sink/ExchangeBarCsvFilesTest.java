package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caravan.CaravanConfig;
import io.caravan.bar.Interval;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

class ExchangeBarCsvFilesTest {

    static final Interval M1 = Interval.parse("1m");
    static final long T = 1_795_320_000_000L;

    static Kline kline(String symbol, int minute, String close) {
        return new Kline("finnhub", symbol, M1, T + minute * 60_000L, new BigDecimal("10"), new BigDecimal("20"),
                new BigDecimal("5"), new BigDecimal(close), new BigDecimal("100"), null, null, null);
    }

    static KlineBatch batch(Kline... klines) {
        return new KlineBatch(null, List.of(klines), 0);
    }

    @Test
    void aKlineFetchedAgainReplacesItsLineInALongFile(@TempDir Path dir) throws Exception {
        ExchangeBarCsvFiles files = new ExchangeBarCsvFiles(config(dir));
        List<Kline> history = new ArrayList<>();
        for (int m = 0; m < 2000; m++) { // far more than one chunk read from the end
            history.add(kline("AAPL", m, "11"));
        }
        files.write(new KlineBatch(null, history, 0));
        files.write(batch(kline("AAPL", 1998, "12"), kline("AAPL", 1999, "13"), kline("AAPL", 2000, "14")));
        files.write(batch(kline("AAPL", 2000, "15")));
        files.write(batch(kline("AAPL", 5, "16"))); // deep in the file: the tail from there is rewritten

        List<String> lines = Files.readAllLines(dir.resolve("exchange-bars/1m/AAPL_1m.csv"));
        assertEquals("timestamp,open,high,low,close,vwap,volume,num_transactions", lines.get(0));
        assertEquals(1 + 2001, lines.size());
        for (int m = 0; m <= 2000; m++) {
            String expectedClose = m == 5 ? "16" : m == 1998 ? "12" : m == 1999 ? "13" : m == 2000 ? "15" : "11";
            assertEquals(Instant.ofEpochMilli(T + m * 60_000L) + ",10,20,5," + expectedClose + ",,100,",
                    lines.get(1 + m));
        }
    }

    @Test
    void symbolsStayInsideTheirDirectory(@TempDir Path dir) throws Exception {
        new ExchangeBarCsvFiles(config(dir)).write(batch(kline("../x", 0, "11")));
        assertEquals(List.of("%2E%2E%2Fx_1m.csv"), Files.list(dir.resolve("exchange-bars/1m"))
                .map(p -> p.getFileName().toString()).toList());
    }

    static CaravanConfig config(Path dataDir) {
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(CaravanConfig.class)
                .withDefaultValue("caravan.data-dir", dataDir.toString()).build().getConfigMapping(CaravanConfig.class);
    }
}
