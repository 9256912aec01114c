package io.caravan.feed.finnhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.simulator.SimulatorService;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.OutputBars;
import io.caravan.tick.TickValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Live mode against the synthetic simulator: bars close on the wall clock without waiting for the next trade, and
 * when the exchange goes away and comes back the route reconnects and subscribes again by itself.
 */
@QuarkusTest
@TestProfile(FinnhubReconnectTest.Profile.class)
class FinnhubReconnectTest {

    static final Path DATA = Path.of("target/test-data/reconnect");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.ofEntries(Map.entry("caravan.feeds", "simulator"), Map.entry("caravan.simulator.port", "18766"),
                    Map.entry("caravan.simulator.trades-per-second", "20"), Map.entry("caravan.symbols", "AAA,BBB"),
                    Map.entry("caravan.intervals", "1s,5s"), Map.entry("caravan.bars.grace", "300ms"),
                    Map.entry("caravan.bars.clock", "wall"), Map.entry("caravan.finnhub.reconnect-initial-delay", "200"),
                    Map.entry("caravan.finnhub.reconnect-max-delay", "1000"), Map.entry("caravan.data-dir", DATA.toString()),
                    Map.entry("caravan.sinks", "csv"));
        }
    }

    @Inject
    SimulatorService simulator;
    @Inject
    TickValidator validator;

    @Test
    void barsCloseOnTheClockAndTheFeedResubscribesAfterTheExchangeComesBack() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> symbolsWithBars("5s").equals(Set.of("AAA", "BBB")));

        simulator.stop();
        Thread.sleep(1500);
        long before = validator.checked();
        Thread.sleep(1000);
        assertEquals(before, validator.checked(), "no trades while the exchange is down");

        simulator.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> validator.checked() >= before + 50);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.simulator().orElseThrow().tradesServed() > 0);

        // a bar for each symbol from after the reconnect: the subscription was sent again for both
        long reconnectedAt = System.currentTimeMillis();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> OutputBars.fromCsv(DATA).keySet().stream()
                .filter(k -> k.contains("|1s|"))
                .filter(k -> java.time.Instant.parse(k.substring(k.lastIndexOf('|') + 1)).toEpochMilli() > reconnectedAt)
                .map(k -> k.substring(0, k.indexOf('|'))).collect(Collectors.toSet()).equals(Set.of("AAA", "BBB")));
        assertTrue(!Files.exists(DATA.resolve("dead-letter")), "a reconnect causes no duplicates or late ticks");
    }

    private static Set<String> symbolsWithBars(String interval) {
        if (!Files.isDirectory(DATA.resolve("bars").resolve(interval))) {
            return Set.of();
        }
        Map<String, ExpectedBar> bars = OutputBars.fromCsv(DATA);
        return bars.keySet().stream().filter(k -> k.contains("|" + interval + "|"))
                .map(k -> k.substring(0, k.indexOf('|'))).collect(Collectors.toSet());
    }
}
