package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

class SyntheticModeTest {

    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;
    private long startedAt;

    @BeforeEach
    void start() {
        startedAt = System.currentTimeMillis();
        vertx = Vertx.vertx();
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0,
                List.of("AAPL", "MSFT", "BINANCE:BTCUSDT"), Optional.empty(), "1", Duration.ZERO, 40,
                Duration.ofMillis(200), Optional.of(42L)));
        port = simulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.stop();
        SimTestClient.await(vertx.close());
    }

    @Test
    void sendsOnlySubscribedSymbolsAndStopsAfterUnsubscribe() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/?token=secret")) {
            client.subscribe("AAPL");
            long zzzzRequested = System.currentTimeMillis();
            client.subscribe("ZZZZ"); // not configured: walked from the moment a client asks for it
            await().atMost(Duration.ofSeconds(10)).until(() -> symbolsIn(client.trades()).containsAll(
                    Set.of("AAPL", "ZZZZ")));

            List<SimTestClient.WireTrade> before = client.trades();
            assertEquals(Set.of("AAPL", "ZZZZ"), symbolsIn(before));
            for (SimTestClient.WireTrade trade : before) {
                assertTrue(trade.p().matches("[0-9]+\\.[0-9]{2}"), "price to the cent: " + trade);
                assertTrue(trade.v().matches("[1-9][0-9]*"), "stock size in whole shares: " + trade);
                assertTrue(trade.t() >= startedAt && trade.t() <= System.currentTimeMillis(), "wall clock: " + trade);
                assertEquals(List.of("1"), trade.c());
                assertTrue(!trade.symbol().equals("ZZZZ") || trade.t() >= zzzzRequested, "not before asked: " + trade);
            }
            assertTrue(client.tradeFrames().stream().anyMatch(f -> f.trades().size() > 1),
                    "frames carry several trades");

            client.unsubscribe("AAPL");
            // The server answers in order, so everything after this error reply was sent after the unsubscribe.
            client.send("marker");
            await().atMost(Duration.ofSeconds(5)).until(() -> client.count("error") == 1);
            int marker = indexOfFirst(client.messages, "error");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.subList(marker, client.messages.size())
                    .stream().filter(m -> "trade".equals(m.type())).count() >= 3);

            List<SimTestClient.Message> after = client.messages.subList(marker, client.messages.size());
            Set<String> symbolsAfter = symbolsIn(after.stream().flatMap(m -> m.trades().stream()).toList());
            assertEquals(Set.of("ZZZZ"), symbolsAfter);
            assertSameTimestampNeverInTwoFrames(client.tradeFrames());
        }
    }

    @Test
    void answersBadMessagesWithAnErrorAndKeepsTheConnection() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/ws")) {
            client.send("not json");
            client.send("{\"type\":\"subscribe\"}");
            client.send("{\"type\":\"hello\",\"symbol\":\"AAPL\"}");
            client.send("{\"symbol\":\"AAPL\"}");
            client.send("[1,2]");
            await().atMost(Duration.ofSeconds(5)).until(() -> client.count("error") == 5);
            assertTrue(client.messages.stream().filter(m -> "error".equals(m.type()))
                    .allMatch(m -> m.msg() != null && !m.msg().isBlank()));
            assertTrue(client.trades().isEmpty(), "nothing subscribed yet");

            client.subscribe("MSFT");
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.trades().isEmpty());
            assertEquals(Set.of("MSFT"), symbolsIn(client.trades()));
            assertFalse(client.isClosed());
        }
    }

    @Test
    void sendsPingsWithoutSubscriptions() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.count("ping") >= 3);
            assertTrue(client.messages.stream().filter(m -> "ping".equals(m.type()))
                    .allMatch(m -> m.raw().equals("{\"type\":\"ping\"}")));
            assertEquals(0, client.tradeFrames().size());
        }
    }

    @Test
    void cryptoSizesAreSmallDecimalsWithoutConditions() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/")) {
            client.subscribe("BINANCE:BTCUSDT");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.trades().size() >= 20);
            for (SimTestClient.WireTrade trade : client.trades()) {
                assertTrue(trade.v().matches("0\\.[0-9]{5}"), "five decimals: " + trade);
                BigDecimal size = new BigDecimal(trade.v());
                assertTrue(size.compareTo(new BigDecimal("0.00012")) >= 0 && size.compareTo(new BigDecimal("0.5")) <= 0,
                        trade.toString());
                BigDecimal price = new BigDecimal(trade.p());
                assertTrue(price.compareTo(new BigDecimal("50000")) > 0 && price.compareTo(new BigDecimal("70000")) < 0,
                        "near the start price: " + trade);
                assertNull(trade.c());
            }
        }
        assertTrue(simulator.tradesServed() >= 20);
    }

    @Test
    void sameSeedGivesTheSameWalk() {
        SyntheticTradeSource a = new SyntheticTradeSource(List.of("AAPL", "BINANCE:BTCUSDT"), 5, Optional.of(7L), 0);
        SyntheticTradeSource b = new SyntheticTradeSource(List.of("AAPL", "BINANCE:BTCUSDT"), 5, Optional.of(7L), 0);
        List<SimTrade> first = a.generateUntil(60_000);
        assertEquals(first, b.generateUntil(60_000));
        // 2 symbols x 5/s x 60 s, bursts only add
        assertTrue(first.size() > 400, "size " + first.size());
        for (int i = 1; i < first.size(); i++) {
            assertTrue(first.get(i - 1).timestamp() <= first.get(i).timestamp());
        }
    }

    private static Set<String> symbolsIn(List<SimTestClient.WireTrade> trades) {
        return trades.stream().map(SimTestClient.WireTrade::symbol).collect(java.util.stream.Collectors.toSet());
    }

    private static int indexOfFirst(List<SimTestClient.Message> messages, String type) {
        for (int i = 0; i < messages.size(); i++) {
            if (type.equals(messages.get(i).type())) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " message");
    }

    static void assertSameTimestampNeverInTwoFrames(List<SimTestClient.Message> frames) {
        Map<Long, Integer> frameOfTimestamp = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            for (SimTestClient.WireTrade trade : frames.get(i).trades()) {
                Integer earlier = frameOfTimestamp.putIfAbsent(trade.t(), i);
                assertTrue(earlier == null || earlier == i, "timestamp " + trade.t() + " split over frames "
                        + earlier + " and " + i);
            }
        }
    }
}
