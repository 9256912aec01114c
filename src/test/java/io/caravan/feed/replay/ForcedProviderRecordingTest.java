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
 * The ETHUSDT recording replayed with {@code caravan.replay.provider=binance}: every frame read by the Binance codec
 * (depth, bookTicker and the REST snapshot give no trades), and the bars equal a direct computation.
 */
@QuarkusTest
@TestProfile(ForcedProviderRecordingTest.Profile.class)
class ForcedProviderRecordingTest {

    static final String RECORDING = "binance/spot_ethusdt_20240808.gz";
    static final Path DATA = Path.of("target/test-data/forced-provider-recording");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", SharedData.ROOT.resolve(RECORDING).toString(),
                    "caravan.replay.provider", "binance", "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv");
        }
    }

    @Test
    void barsFromTheBinanceCodecEqualADirectComputation() throws Exception {
        Path recording = SharedData.require(RECORDING);
        List<TestTrade> trades = BinanceTrades.read(recording);
        Map<String, Object> summary = Await.replaySummary(DATA, Duration.ofMinutes(3));
        assertEquals(trades.size(), ((Number) summary.get("trades")).intValue());
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        OutputBars.assertSameBars(expected, OutputBars.fromCsv(DATA), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused");
    }
}
