package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The bad-input suite through the replay feed, recorded frames: mutated real Finnhub, Binance and AllTick frames
 * (truncated, wrong types, NaN and huge exponents, extreme numbers, deep nesting, 10 MB, binary, invalid UTF-8,
 * hostile symbols, broken receive times) with a valid trade after each, replayed at full speed. The replay must
 * finish, every valid trade must be in the bars and the dead letter must be bounded and explained
 * ({@link FuzzOracle}).
 */
@QuarkusTest
@TestProfile(ReplayFramesFuzzTest.Profile.class)
class ReplayFramesFuzzTest {

    /** Percent of the suite's cases ({@code fuzz.cases}) this test runs. */
    static final int SHARE = 40;
    static final Path DATA = Path.of("target/test-data/fuzz-replay-frames");
    static final Path INPUT = Path.of("target/test-data/fuzz-replay-frames.txt");
    static final List<Provider> PROVIDERS = List.of(Provider.FINNHUB, Provider.BINANCE, Provider.ALLTICK);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            try {
                ReplayInput.write(INPUT, FuzzSettings.fromSystemProperties().share(SHARE), PROVIDERS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return FuzzConfig.replay(DATA, INPUT, "csv");
        }
    }

    @Test
    void everyValidTradeIsInTheBarsAndEveryRefusalHasABoundedRecord() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties().share(SHARE);
        long started = System.nanoTime();
        Map<String, Object> summary = FuzzReplay.awaitSummary(DATA, settings);
        double seconds = (System.nanoTime() - started) / 1e9;
        FuzzCorpus.Summary corpus = ReplayInput.expected(INPUT, settings, PROVIDERS);
        assertEquals(Boolean.TRUE, summary.get("ok"), "replay summary " + summary + " [" + settings.reproduce() + "]");
        FuzzOracle.check("replay of frames", settings, corpus, DATA, FuzzOracle.csvBars(DATA), FuzzConfig.INTERVAL, seconds);
        // up to a gigabyte with -Pfuzz-long: kept only when a check failed, to run again
        Files.deleteIfExists(INPUT);
    }
}
