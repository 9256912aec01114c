package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.BinanceTrades;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.OutputBars;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A real Binance spot recording (raw frames with receive times: trades mixed with depth and bookTicker updates)
 * through the replay feed: bars equal a direct computation ordered by Binance's gap-free trade ids.
 */
@QuarkusTest
@TestProfile(BinanceRecordingTest.Profile.class)
class BinanceRecordingTest {

    static final String RECORDING = "binance/spot_btcusdt_20240808.gz";
    static final Path DATA = Path.of("target/test-data/binance-recording");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", SharedData.ROOT.resolve(RECORDING).toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv,jdbc");
        }
    }

    @Test
    void barsFromRecordedFramesEqualADirectComputation() throws Exception {
        Path recording = SharedData.require(RECORDING);
        List<TestTrade> trades = BinanceTrades.read(recording);
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(trades.size(), ((Number) summary.get("trades")).intValue());

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        OutputBars.assertSameBars(expected, OutputBars.fromH2(DATA), "H2");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "depth, bookTicker and the REST snapshot are not errors");
    }
}
