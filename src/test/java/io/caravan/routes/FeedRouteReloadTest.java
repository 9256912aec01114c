package io.caravan.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.feed.FeedStatus;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.ExpectedBar;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.caravan.support.SimulatorBars;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14, item 1: an edit of a running feed's route file reloads the route, which drops its connection and opens a
 * new one. That is a reconnect, not a start-up: the trades missed between the two connections are filled, and the
 * trades received before the edit are not fetched again. (Before the fix, the reload ran a start-up backfill from the
 * start of the longest interval and every trade of it was counted twice.) The feed's routes come from a copy of
 * {@code routes/} that this test edits, with start-up backfill and gap-fill on, as in the default service.
 */
@QuarkusTest
@TestProfile(FeedRouteReloadTest.Profile.class)
class FeedRouteReloadTest {

    static final int SIM_PORT = 18791;
    static final Path DATA = Path.of("target/test-data/feed-route-reload").toAbsolutePath();
    static final Path ROUTES = DATA.resolve("routes");
    static final List<String> SYMBOLS = List.of("AAA", "BBB");
    static final List<String> INTERVALS = List.of("1s", "5s");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = LiveFeedSettings.against(SIM_PORT, DATA, Map.ofEntries(
                    Map.entry("caravan.feeds", "simulator"),
                    Map.entry("caravan.symbols", String.join(",", SYMBOLS)),
                    // no trade may reach a bar after it closed, even on a busy machine
                    Map.entry("caravan.bars.grace", "2s"),
                    // Camel loads none of the project's route files: all come from the copy, watched for edits
                    Map.entry("camel.main.routes-include-pattern", "file:" + DATA.resolve("none") + "/*.yaml"),
                    Map.entry("caravan.routes.dir", ROUTES.toString()),
                    Map.entry("caravan.routes.reload-delay", "200ms"),
                    Map.entry("%test.caravan.routes.reload", "true")));
            copyRoutes();
            return config;
        }
    }

    static void copyRoutes() {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            Files.createDirectories(ROUTES);
            Files.createDirectories(DATA.resolve("none"));
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, ROUTES.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    FeedStatus status;
    @Inject
    SimulatorService simulator;

    @Test
    void reloadingTheFeedsRouteFileNeitherDoublesNorLosesATrade() throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> FeedStatus.CONNECTED.equals(status.of("finnhub").state()));
        long firstConnect = status.of("finnhub").since();
        // trade for a few seconds, so that the 5 s bucket of the edit holds trades received before it
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> OutputBars.fromCsv(DATA).size() >= 6);
        long firstTrade = SimulatorBars.firstOpen(OutputBars.fromCsv(DATA));

        Path file = ROUTES.resolve("finnhub.yaml");
        String text = Files.readString(file);
        String codecStep = " ".repeat(18) + "- bean:\n" + " ".repeat(22) + "ref: finnhubCodec";
        // a one-line log step added before the codec, as a user would
        String edited = text.replace(codecStep, " ".repeat(18) + "- log: \"frame\"\n" + codecStep);
        assertTrue(!edited.equals(text), "the edit applies to routes/finnhub.yaml");
        Files.writeString(file, edited);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status.of("finnhub").since() > firstConnect
                && FeedStatus.CONNECTED.equals(status.of("finnhub").state()));

        // two whole 5 s buckets after the reconnect; every trade before the cut-off is made by then
        long cutoff = (Math.floorDiv(System.currentTimeMillis(), 5000L) + 3) * 5000L;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> System.currentTimeMillis() > cutoff + 500);
        // from the 5 s bucket of the first trade received: start-up backfill fills that bucket, not the trades the
        // simulator made before it
        long from = Math.floorDiv(firstTrade, 5000L) * 5000L;
        Map<String, ExpectedBar> expected = SimulatorBars.made(SIM_PORT, SYMBOLS, INTERVALS, from, cutoff);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> OutputBars.assertSameBars(expected,
                        SimulatorBars.opened(OutputBars.fromCsv(DATA), from, cutoff), "CSV"));
        assertEquals(2, simulator.simulator().orElseThrow().finnhubConnections(), "the reload's one reconnect");
    }
}
