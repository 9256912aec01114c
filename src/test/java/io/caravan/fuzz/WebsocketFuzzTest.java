package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.feed.FeedStatus;
import io.caravan.quote.QuoteBook;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The bad-input suite over real WebSockets: the Finnhub, Binance and AllTick routes connected to a hostile exchange
 * ({@link FuzzExchange}) that sends mutated real frames (text, non-UTF-8 text, binary, up to 10 MB) with a valid
 * trade after each, and last a sentinel trade per provider. Every sentinel must arrive (no stuck route, no lost
 * connection), every valid trade must be in the bars, the dead letter bounded and explained ({@link FuzzOracle}),
 * and the feeds still connected on their first connection.
 */
@QuarkusTest
@TestProfile(WebsocketFuzzTest.Profile.class)
class WebsocketFuzzTest {

    /** Percent of the suite's cases ({@code fuzz.cases}) this test runs. */
    static final int SHARE = 40;
    static final Path DATA = Path.of("target/test-data/fuzz-websocket");
    static final List<Provider> PROVIDERS = List.of(Provider.FINNHUB, Provider.BINANCE, Provider.ALLTICK);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = FuzzConfig.common(DATA, "csv");
            config.put("caravan.feeds", "finnhub,binance,alltick");
            config.put("caravan.symbols", "FZ-F1");
            config.put("caravan.feed.binance.symbols", "FZB1USDT");
            config.put("caravan.feed.alltick.symbols", "FZA1.US");
            config.put("caravan.alltick.token", "fuzz-token");
            for (String feed : List.of("finnhub", "binance", "alltick")) {
                config.put("caravan." + feed + ".reconnect-initial-delay", "200");
                config.put("caravan." + feed + ".reconnect-max-delay", "1000");
            }
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FuzzExchange.class));
        }
    }

    @Inject
    QuoteBook quotes;
    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;
    @Inject
    FeedStatus status;

    @Test
    void everyValidTradeIsInTheBarsAndNoFrameStopsAFeed() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties().share(SHARE);
        FuzzExchange exchange = FuzzExchange.running;
        PROVIDERS.forEach(exchange::socket);
        long started = System.nanoTime();
        FuzzCorpus.Summary corpus = FuzzCorpus.produce(settings, PROVIDERS, System.currentTimeMillis(), new FuzzCorpus.Sink() {
            @Override
            public void hostile(FuzzCase hostile) {
                exchange.send(hostile.provider(), hostile.bytes(), hostile.frame());
            }

            @Override
            public void valid(Provider provider, String frame) {
                exchange.send(provider, frame.getBytes(StandardCharsets.UTF_8), FuzzCase.FrameType.TEXT);
            }
        });
        String context = " [reproduce with " + settings.reproduce() + "]";
        try {
            Awaitility.await().atMost(FuzzReplay.timeout(settings)).pollInterval(Duration.ofMillis(100))
                    .until(() -> PROVIDERS.stream().allMatch(p -> quotes.quote(ValidTrades.sentinel(p)).isPresent()));
        } catch (ConditionTimeoutException e) {
            fail("stuck: not every provider's last valid trade arrived: " + PROVIDERS.stream()
                    .filter(p -> quotes.quote(ValidTrades.sentinel(p)).isEmpty()).toList() + ", connections "
                    + connections(exchange) + ", writes to a closed connection " + exchange.failedWrites() + context
                    + "; busy threads:\n" + FuzzReplay.busyThreads());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> camel.getInflightRepository().size() == 0);
        clock.flush();
        assertTrue(sinks.awaitDrained(Duration.ofMinutes(1)), "sinks drained");

        System.out.println("[fuzz] websocket connections per provider " + connections(exchange) + ", failed writes "
                + exchange.failedWrites());
        FuzzOracle.check("websocket", settings, corpus, DATA, FuzzOracle.csvBars(DATA), FuzzConfig.INTERVAL, seconds);
        for (Provider p : PROVIDERS) {
            assertEquals(1, exchange.connections(p), "connections of the " + p + " route: no frame made it reconnect" + context);
        }
        for (String feed : List.of("finnhub", "binance", "alltick")) {
            assertEquals(FeedStatus.CONNECTED, status.of(feed).state(), feed + context);
        }
    }

    private static Map<Provider, Long> connections(FuzzExchange exchange) {
        return Map.of(Provider.FINNHUB, exchange.connections(Provider.FINNHUB), Provider.BINANCE,
                exchange.connections(Provider.BINANCE), Provider.ALLTICK, exchange.connections(Provider.ALLTICK));
    }
}
