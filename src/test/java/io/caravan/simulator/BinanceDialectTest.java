package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;

/** The simulator's Binance dialect in synthetic mode, over real WebSockets, beside a Finnhub client. */
class BinanceDialectTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        startSimulator(40);
    }

    private void startSimulator(double tradesPerSecond) {
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0,
                List.of("AAPL", "BINANCE:BTCUSDT"), Optional.empty(), "1", Duration.ZERO, tradesPerSecond,
                Duration.ofSeconds(30), Optional.of(7L), Duration.ofMillis(200)));
        port = simulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.stop();
        SimTestClient.await(vertx.close());
    }

    @Test
    void combinedStreamSendsOneWrappedMessagePerTradeWithConsecutiveIdsPerSymbol() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port,
                "/stream?streams=btcusdt@trade/aapl@trade")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> client.trades().stream()
                    .map(t -> t.get("s").asText()).collect(Collectors.toSet()).containsAll(Set.of("BTCUSDT", "AAPL")));
            Map<String, Long> lastId = new HashMap<>();
            for (JsonNode message : client.messages) {
                JsonNode data = message.get("data");
                String symbol = data.get("s").asText();
                assertEquals(symbol.toLowerCase() + "@trade", message.get("stream").asText(), message.toString());
                assertEquals("trade", data.get("e").asText());
                assertTrue(data.get("p").isTextual() && data.get("q").isTextual(), "decimal text: " + message);
                assertTrue(data.get("p").asText().matches("[0-9]+\\.[0-9]+"), message.toString());
                assertTrue(data.get("T").isIntegralNumber() && data.get("E").asLong() >= data.get("T").asLong());
                assertTrue(data.get("m").isBoolean() && data.get("M").asBoolean(), message.toString());
                long id = data.get("t").asLong();
                Long previous = lastId.put(symbol, id);
                if (previous != null) {
                    assertEquals(previous + 1, id, "consecutive trade ids per symbol: " + message);
                }
            }
        }
    }

    @Test
    void rawStreamSendsBarePayloadsAndTheSameIdsAsAnotherClient() throws Exception {
        try (BinanceTestClient raw = BinanceTestClient.connect(vertx, port, "/ws/btcusdt@trade");
                BinanceTestClient combined = BinanceTestClient.connect(vertx, port, "/stream?streams=btcusdt@trade")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> raw.trades().size() >= 5 && combined.trades().size() >= 5);
            assertTrue(raw.messages.stream().allMatch(m -> !m.has("stream") && "BTCUSDT".equals(m.get("s").asText())));
            Map<Long, String> rawPrices = raw.trades().stream()
                    .collect(Collectors.toMap(t -> t.get("t").asLong(), t -> t.get("p").asText()));
            long common = combined.trades().stream().filter(t -> rawPrices.containsKey(t.get("t").asLong()))
                    .peek(t -> assertEquals(rawPrices.get(t.get("t").asLong()), t.get("p").asText(), "same trade, same id"))
                    .count();
            assertTrue(common > 0, "both clients got the same trades under the same ids");
        }
    }

    @Test
    void answersControlRequestsAndRefusesBadOnes() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/stream?streams=btcusdt@trade")) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ETHUSDT@trade\"],\"id\":1}");
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":\"three\"}");
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":5}");
            client.send("{\"method\":\"FLY\",\"id\":6}");
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[]}");
            client.send("not json");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.others().size() >= 8);
            List<String> replies = client.others().stream().map(JsonNode::toString).toList();
            assertEquals("{\"result\":null,\"id\":1}", replies.get(0));
            assertEquals("{\"result\":[\"btcusdt@trade\",\"ethusdt@trade\"],\"id\":2}", replies.get(1));
            assertEquals("{\"result\":null,\"id\":\"three\"}", replies.get(2));
            assertEquals("{\"result\":[\"ethusdt@trade\"],\"id\":4}", replies.get(3));
            for (int i = 4; i < 8; i++) {
                JsonNode error = client.others().get(i);
                assertEquals(2, error.get("code").asInt(), replies.get(i));
                assertTrue(error.get("msg").asText().startsWith("Invalid"), replies.get(i));
            }
            assertEquals(5, client.others().get(4).get("id").asInt());
            // after the unsubscribe only ETHUSDT (walked from the subscription on) arrives
            int seen = client.trades().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.trades().size() >= seen + 5);
            assertEquals(Set.of("ETHUSDT"), client.trades().subList(client.trades().size() - 3, client.trades().size())
                    .stream().map(t -> t.get("s").asText()).collect(Collectors.toSet()));
        }
    }

    @Test
    void pingFramesAreAnsweredWithPongsByAVertxClient() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/ws/btcusdt@trade")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> simulator.binancePongs() >= 2);
            assertFalse(client.isClosed());
        }
    }

    @Test
    void refusesMoreThan1024StreamsOnOneConnection() throws Exception {
        // 1,024 synthetic streams at 40 trades/s each are about 41,000 messages a second to one test client, and the
        // reply to its SUBSCRIBE queues behind them (on a busy machine, over the 10 s below): this test is about the
        // limit, so its market trades once a second per symbol
        simulator.stop();
        startSimulator(1);
        String streams = IntStream.range(0, 1025).mapToObj(i -> "s" + i + "usdt@trade").collect(Collectors.joining("/"));
        assertThrows(Exception.class, () -> BinanceTestClient.connect(vertx, port, "/stream?streams=" + streams));
        String fits = IntStream.range(0, 1024).mapToObj(i -> "s" + i + "usdt@trade").collect(Collectors.joining("/"));
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/stream?streams=" + fits)) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.others().isEmpty());
            assertEquals(2, client.others().get(0).get("code").asInt(), client.others().get(0).toString());
        }
    }

    @Test
    void shutdownCommandSendsServerShutdownAndClosesOnlyBinanceClients() throws Exception {
        try (BinanceTestClient combined = BinanceTestClient.connect(vertx, port, "/stream?streams=btcusdt@trade");
                BinanceTestClient raw = BinanceTestClient.connect(vertx, port, "/ws/btcusdt@trade");
                SimTestClient finnhub = SimTestClient.connect(vertx, port, "/?token=x")) {
            finnhub.subscribe("BINANCE:BTCUSDT");
            await().atMost(Duration.ofSeconds(20)).until(() -> !combined.trades().isEmpty() && !finnhub.trades().isEmpty());

            assertEquals(405, HTTP.send(HttpRequest.newBuilder(shutdownUri()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(shutdownUri()).header("X-Caravan-Sim", "1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("{\"clients\":2}", response.body());

            await().atMost(Duration.ofSeconds(10)).until(() -> combined.isClosed() && raw.isClosed());
            JsonNode last = combined.messages.get(combined.messages.size() - 1);
            assertEquals("!serverShutdown", last.get("stream").asText());
            assertEquals("serverShutdown", last.get("data").get("e").asText());
            assertEquals("serverShutdown", raw.messages.get(raw.messages.size() - 1).get("e").asText());

            int before = finnhub.trades().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> finnhub.trades().size() > before);
            assertFalse(finnhub.isClosed(), "Finnhub clients are not Binance's");
        }
    }

    @Test
    void shutdownWithCloseFalseSendsTheEventAndKeepsTheConnection() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/ws/btcusdt@trade")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/sim/binance/shutdown?close=false")).header("X-Caravan-Sim", "1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"clients\":1}", response.body());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.others().stream()
                    .anyMatch(m -> "serverShutdown".equals(m.path("e").asText())));
            int seen = client.trades().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.trades().size() > seen);
            assertFalse(client.isClosed());
        }
    }

    @Test
    void fileModeServesBinanceAndFinnhubClientsTheSameRowsAsWritten() throws Exception {
        simulator.stop();
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("binance-dialect", ".csv");
        try {
            StringBuilder text = new StringBuilder("timestamp,symbol,price,size\n");
            List<String> prices = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String price = "61837." + String.format("%08d", i * 7);
                prices.add(price);
                text.append(1_700_000_000_000L + i * 100L).append(",BINANCE:BTCUSDT,").append(price).append(",0.00100000\n");
                text.append(1_700_000_000_000L + i * 100L).append(",AAPL,164.06,5\n");
            }
            java.nio.file.Files.writeString(csv, text);
            simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of(), Optional.of(csv),
                    "max", Duration.ofMillis(500), 5, Duration.ofSeconds(30), Optional.empty(), Duration.ofSeconds(20)));
            port = simulator.start();
            try (BinanceTestClient binance = BinanceTestClient.connect(vertx, port, "/stream?streams=btcusdt@trade");
                    SimTestClient finnhub = SimTestClient.connect(vertx, port, "/")) {
                finnhub.subscribe("BINANCE:BTCUSDT");
                // AAPL's rows go to nobody: served counts trades some client got
                assertEquals(300, simulator.fileReplayFinished().get(30, java.util.concurrent.TimeUnit.SECONDS));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> binance.trades().size() == 300 && finnhub.trades().size() == 300);
                assertEquals(prices, binance.trades().stream().map(t -> t.get("p").asText()).toList());
                assertEquals(prices, finnhub.trades().stream().map(SimTestClient.WireTrade::p).toList());
                assertTrue(binance.trades().stream().allMatch(t -> "0.00100000".equals(t.get("q").asText())));
                assertEquals(LongRange.of(1, 300), binance.trades().stream().map(t -> t.get("t").asLong()).toList());
            }
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    private static final class LongRange {
        static List<Long> of(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
    }

    private URI shutdownUri() {
        return URI.create("http://127.0.0.1:" + port + "/sim/binance/shutdown");
    }
}
