package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.OutputBars;
import io.caravan.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The bad-input suite through the replay feed, CSV rows, into the CSV, database (H2) and Redis sinks: mutated rows
 * with a valid row after each, some of the valid ones with symbols that look like a path, SQL, a Redis pattern or
 * HTML. Besides {@link FuzzOracle}: the database holds the same totals under the literal symbols (parameterised
 * SQL, the table intact), and Redis has each literal symbol's keys under the prefix and no fuzz key outside it.
 */
@QuarkusTest
@TestProfile(ReplayCsvFuzzTest.Profile.class)
class ReplayCsvFuzzTest {

    /** Percent of the suite's cases ({@code fuzz.cases}) this test runs. */
    static final int SHARE = 20;
    static final Path DATA = Path.of("target/test-data/fuzz-replay-csv");
    static final Path INPUT = Path.of("target/test-data/fuzz-replay-csv.csv");
    static final List<Provider> PROVIDERS = List.of(Provider.CSV);
    static final String PREFIX = "test:fuzz:";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            try (RedisTestClient redis = RedisTestClient.connect()) {
                redis.deleteKeys(PREFIX + "*");
            }
            try {
                ReplayInput.write(INPUT, FuzzSettings.fromSystemProperties().share(SHARE), PROVIDERS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> config = FuzzConfig.replay(DATA, INPUT, "csv,jdbc,redis");
            config.put("caravan.redis.url", RedisTestClient.URL);
            config.put("caravan.redis.prefix", PREFIX);
            return config;
        }
    }

    @Test
    void everyValidRowIsInEverySinkUnderItsLiteralSymbol() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties().share(SHARE);
        long started = System.nanoTime();
        Map<String, Object> summary = FuzzReplay.awaitSummary(DATA, settings);
        double seconds = (System.nanoTime() - started) / 1e9;
        FuzzCorpus.Summary corpus = ReplayInput.expected(INPUT, settings, PROVIDERS);
        assertEquals(Boolean.TRUE, summary.get("ok"), "replay summary " + summary + " [" + settings.reproduce() + "]");
        Map<String, ExpectedBar> csv = FuzzOracle.csvBars(DATA);
        FuzzOracle.check("replay of CSV rows", settings, corpus, DATA, csv, FuzzConfig.INTERVAL, seconds);

        Map<String, FuzzOracle.Totals> inCsv = FuzzOracle.totals(csv, FuzzConfig.INTERVAL);
        Map<String, FuzzOracle.Totals> inDatabase = FuzzOracle.totals(OutputBars.fromH2(DATA), FuzzConfig.INTERVAL);
        try (RedisTestClient redis = RedisTestClient.connect()) {
            List<String> outside = redis.keys("*").stream().filter(k -> k.toLowerCase().contains("fz"))
                    .filter(k -> !k.startsWith(PREFIX)).toList();
            assertEquals(List.of(), outside, "fuzz keys outside " + PREFIX);
            for (String symbol : corpus.valid().counts().keySet()) {
                FuzzOracle.Totals file = inCsv.get(symbol);
                FuzzOracle.Totals row = inDatabase.get(symbol);
                assertTrue(row != null && row.trades() == file.trades() && row.volume().compareTo(file.volume()) == 0,
                        "database totals of " + symbol + ": " + row + ", CSV " + file);
                // the literal key: a glob in the symbol is part of the name, never a pattern
                assertEquals(1, redis.send("EXISTS", PREFIX + "bar:" + FuzzConfig.INTERVAL + ":" + symbol).toInteger(),
                        "Redis latest bar of " + symbol);
                assertTrue(redis.send("ZCARD", PREFIX + "bars:" + FuzzConfig.INTERVAL + ":" + symbol).toLong() > 0,
                        "Redis bars of " + symbol);
            }
        }
        // kept only when a check failed, to run again
        Files.deleteIfExists(INPUT);
    }
}
