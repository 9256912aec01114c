package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.Http;
import io.caravan.support.LiveFeedSettings;
import io.caravan.support.OutputBars;
import io.caravan.support.PostgresSchema;
import io.caravan.support.QuoteRows;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisTestClient;
import io.caravan.support.SimulatorTrades;
import io.caravan.support.TcpProxy;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 5's "three providers side by side": the simulator's Finnhub, Binance and AllTick dialects, each feed on its
 * own WebSocket connection with its own symbol (a US stock, a Binance pair, a Hong Kong stock), into one pipeline and
 * the CSV, PostgreSQL and Redis sinks. Every feed's bars equal the bars computed from the trades the simulator made;
 * the quotes endpoint has all three, each in its market; then the AllTick connection is cut (a proxy in front of the
 * simulator stops) and the other two go on.
 */
@QuarkusTest
@TestProfile(ThreeProvidersTest.Profile.class)
@WithTestResource(ThreeProvidersTest.AllTickLine.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeProvidersTest {

    static final int SIM_PORT = 18811;
    static final Path DATA = Path.of("target/test-data/three-providers");
    static final String PG_SCHEMA = "caravan_three_providers";
    static final String REDIS_PREFIX = "test:three:";
    static final List<String> INTERVALS = List.of("1s", "5s");

    /** A feed's symbol: as caravan names its bars, as the simulator records its trades, its market and instrument. */
    record Subscription(String feed, String symbol, String simulatorSymbol, String market, String instrument) {
    }

    static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription("finnhub", "AAPL", "AAPL", "US", "AAPL.US"),
            new Subscription("binance", "BTCUSDT", "BINANCE:BTCUSDT", "CRYPTO", "BTCUSDT.BINANCE"),
            new Subscription("alltick", "700.HK", "700.HK", "HK", "700.HK"));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (RedisTestClient redis = RedisTestClient.connect()) {
                redis.deleteKeys(REDIS_PREFIX + "*");
            }
            return LiveFeedSettings.against(SIM_PORT, DATA, Map.ofEntries(
                    // the simulator feed is the simulator plus the Finnhub route pointed at it
                    Map.entry("caravan.feeds", "simulator,binance,alltick"),
                    Map.entry("caravan.feed.simulator.symbols", "AAPL"),
                    Map.entry("caravan.feed.binance.symbols", "BTCUSDT"),
                    Map.entry("caravan.feed.alltick.symbols", "700.HK"),
                    // walked from the simulator's start, subscribed by nobody: no feed gets it
                    Map.entry("caravan.symbols", "ZZZ"),
                    Map.entry("caravan.alltick.token", "test-token"),
                    Map.entry("caravan.alltick.reconnect-initial-delay", "200"),
                    Map.entry("caravan.alltick.reconnect-max-delay", "1000"),
                    // exact equality: no trade may come after its bar closed, even on a busy machine (the default grace)
                    Map.entry("caravan.bars.grace", "2s"),
                    Map.entry("caravan.sinks", "csv,jdbc,redis"),
                    Map.entry("caravan.jdbc.url", PostgresSchema.fresh(PG_SCHEMA)),
                    Map.entry("caravan.jdbc.username", PostgresSchema.USER),
                    Map.entry("caravan.redis.url", RedisTestClient.URL),
                    Map.entry("caravan.redis.prefix", REDIS_PREFIX)));
        }
    }

    /** The AllTick feed reaches the simulator through a proxy, so that this one feed can be cut off. */
    public static class AllTickLine implements QuarkusTestResourceLifecycleManager {

        static volatile TcpProxy proxy;

        @Override
        public Map<String, String> start() {
            proxy = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", SIM_PORT);
            proxy.start();
            return Map.of("caravan.alltick.stock-url", "ws://127.0.0.1:" + proxy.port() + "/quote-stock-b-ws-api");
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    FeedStatus status;
    @Inject
    SimulatorService simulator;

    @Test
    @Order(1)
    void everyFeedsBarsEqualThoseOfTheTradesTheSimulatorMade() {
        // at least two whole 5 s buckets of trading from here, whenever the market opened
        long cutoff = (Math.floorDiv(System.currentTimeMillis(), 5000L) + 3) * 5000L;
        // by then every trade before the cut-off is made (and served); the sinks get a little longer
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> System.currentTimeMillis() > cutoff + 500);

        Map<String, ExpectedBar> expected = expectedBefore(cutoff);
        for (Subscription s : SUBSCRIPTIONS) {
            assertTrue(expected.keySet().stream().filter(k -> k.startsWith(s.symbol() + "|5s|")).count() >= 2,
                    s.feed() + " traded " + s.symbol() + " for at least two 5 s bars: " + expected.keySet());
        }
        // files and rows are read while caravan writes them: a half-written line is read again
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
                    OutputBars.assertSameBars(expected, before(cutoff, OutputBars.fromCsv(DATA)), "CSV");
                    OutputBars.assertSameBars(expected, before(cutoff,
                            OutputBars.fromJdbc(PostgresSchema.url(PG_SCHEMA), PostgresSchema.USER)), "PostgreSQL");
                    OutputBars.assertSameBars(expected, before(cutoff, redisSeries()), "Redis sorted sets");
                });
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused, nothing late");

        ExchangeSimulator exchange = simulator.simulator().orElseThrow();
        assertEquals(List.of(1L, 1L, 1L), List.of(exchange.finnhubConnections(), exchange.binanceConnections(),
                exchange.allTickConnections()), "one connection per dialect (Finnhub, Binance, AllTick)");
        for (Subscription s : SUBSCRIPTIONS) {
            assertEquals(FeedStatus.CONNECTED, status.of(s.feed()).state(), s.feed());
        }
    }

    @Test
    @Order(2)
    void theQuotesEndpointHasEveryFeedsSymbolInItsOwnMarket() {
        JsonNode quotes = Http.get(base + "api/quotes").body();
        Set<String> markets = new TreeSet<>();
        for (Subscription s : SUBSCRIPTIONS) {
            JsonNode quote = QuoteRows.find(quotes, s.symbol());
            assertEquals(s.market(), quote.get("market").asText(), quote.toString());
            assertEquals(s.instrument(), quote.get("instrument").asText(), quote.toString());
            assertEquals(s.feed(), quote.get("feed").asText(), quote.toString());
            markets.add(quote.get("market").asText());
            // last: the price of a trade the simulator made for this symbol at the quote's time
            long time = quote.get("time").asLong();
            BigDecimal last = new BigDecimal(quote.get("last").asText());
            List<TestTrade> atTime = SimulatorTrades.made(SIM_PORT, s.simulatorSymbol(), s.symbol(), time + 1).stream()
                    .filter(t -> t.ts() == time).toList();
            assertTrue(atTime.stream().anyMatch(t -> t.price().compareTo(last) == 0),
                    s.symbol() + ": last " + last + " is a price traded at " + time + ": " + atTime);
            // the simulator trades today only: no previous close, so no change yet
            for (String field : List.of("previousClose", "change", "changePercent")) {
                assertTrue(quote.has(field) && quote.get(field).isNull(), field + " in " + quote);
            }
        }
        assertEquals(Set.of("US", "CRYPTO", "HK"), markets, "three markets kept apart");
    }

    @Test
    @Order(3)
    void withTheAllTickConnectionCutTheOtherTwoFeedsGoOn() {
        ExchangeSimulator exchange = simulator.simulator().orElseThrow();
        AllTickLine.proxy.stop();
        long cut = System.currentTimeMillis();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> FeedStatus.DISCONNECTED.equals(status.of("alltick").state()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> newestOpen("AAPL") > cut + 2000
                && newestOpen("BTCUSDT") > cut + 2000);
        assertTrue(newestOpen("700.HK") <= cut, "no AllTick trade got through after the cut");
        assertEquals(FeedStatus.CONNECTED, status.of("finnhub").state());
        assertEquals(FeedStatus.CONNECTED, status.of("binance").state());
        assertEquals(List.of(1L, 1L), List.of(exchange.finnhubConnections(), exchange.binanceConnections()),
                "Finnhub and Binance kept their first connections");
    }

    private static Map<String, ExpectedBar> expectedBefore(long cutoff) {
        List<TestTrade> trades = new ArrayList<>();
        for (Subscription s : SUBSCRIPTIONS) {
            trades.addAll(SimulatorTrades.made(SIM_PORT, s.simulatorSymbol(), s.symbol(), cutoff));
        }
        return ExpectedBars.compute(trades, INTERVALS);
    }

    /** Bars that opened before {@code cutoff} (a multiple of every interval, so they closed before it). */
    private static Map<String, ExpectedBar> before(long cutoff, Map<String, ExpectedBar> bars) {
        return bars.entrySet().stream()
                .filter(e -> Instant.parse(e.getKey().substring(e.getKey().lastIndexOf('|') + 1)).toEpochMilli() < cutoff)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, ExpectedBar> redisSeries() {
        List<String> members = new ArrayList<>();
        try (RedisTestClient redis = RedisTestClient.connect()) {
            for (String key : redis.keys(REDIS_PREFIX + "bars:*")) {
                members.addAll(redis.zrange(key));
            }
        }
        return RedisBars.fromJson(members, false, "Redis sorted sets");
    }

    /** Open time of the newest 1s bar of the symbol in CSV, epoch ms; 0 when none. */
    private static long newestOpen(String symbol) {
        return OutputBars.fromCsv(DATA).keySet().stream().filter(k -> k.startsWith(symbol + "|1s|"))
                .mapToLong(k -> Instant.parse(k.substring(k.lastIndexOf('|') + 1)).toEpochMilli()).max().orElse(0);
    }
}
