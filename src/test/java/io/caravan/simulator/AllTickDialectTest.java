package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;

/** The simulator's AllTick dialect in synthetic mode, over real WebSockets (BinanceTestClient keeps any JSON). */
class AllTickDialectTest {

    private static final String STOCKS = "/quote-stock-b-ws-api?token=test";

    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0,
                List.of("AAPL", "BINANCE:BTCUSDT"), Optional.empty(), "1", Duration.ZERO, 40, Duration.ofSeconds(30),
                Optional.of(7L)));
        port = simulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.stop();
        SimTestClient.await(vertx.close());
    }

    @Test
    void aSubscriptionIsAckedAndPushesCarryStringNumbersAndTheCodesAsSubscribed() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, STOCKS)) {
            client.send("{\"cmd_id\":22004,\"seq_id\":9,\"trace\":\"t-9\",\"data\":{\"symbol_list\":[{\"code\":\"AAPL.US\"},{\"code\":\"700.HK\"}]}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> codesPushed(client).containsAll(Set.of("AAPL.US", "700.HK")));
            JsonNode ack = client.messages.get(0);
            assertEquals(200, ack.get("ret").asInt(), ack.toString());
            assertEquals(22005, ack.get("cmd_id").asInt());
            assertEquals(9, ack.get("seq_id").asInt());
            assertEquals("t-9", ack.get("trace").asText());
            long lastSeq = 0;
            for (JsonNode push : pushes(client)) {
                JsonNode data = push.get("data");
                assertTrue(data.get("price").isTextual() && data.get("volume").isTextual(), push.toString());
                JsonNode tickTime = data.get("tick_time");
                // milliseconds as text, or a whole second as a number of seconds: both forms, nothing lost
                assertTrue(tickTime.isTextual() && tickTime.asText().length() == 13
                        || tickTime.isIntegralNumber() && tickTime.asText().length() == 10, push.toString());
                if ("AAPL.US".equals(data.get("code").asText())) {
                    assertTrue(data.get("seq").asLong() > lastSeq, "seq grows per code: " + push);
                    lastSeq = data.get("seq").asLong();
                }
            }
        }
    }

    @Test
    void aNewSubscriptionReplacesTheList() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, STOCKS)) {
            client.send("{\"cmd_id\":22004,\"seq_id\":1,\"trace\":\"a\",\"data\":{\"symbol_list\":[{\"code\":\"AAPL.US\"},{\"code\":\"700.HK\"}]}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> codesPushed(client).contains("700.HK"));
            client.send("{\"cmd_id\":22004,\"seq_id\":2,\"trace\":\"b\",\"data\":{\"symbol_list\":[{\"code\":\"AAPL.US\"}]}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.stream()
                    .anyMatch(m -> m.path("cmd_id").asInt() == 22005 && m.path("seq_id").asInt() == 2));
            int acked = indexOfAck(client, 2);
            int before = client.messages.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.messages.size() > before + 20);
            List<JsonNode> after = client.messages.subList(acked + 1, client.messages.size());
            assertEquals(Set.of("AAPL.US"), after.stream().filter(m -> m.path("cmd_id").asInt() == 22998)
                    .map(m -> m.get("data").get("code").asText()).collect(Collectors.toSet()), "700.HK dropped");
        }
    }

    @Test
    void heartbeatsAreAnsweredAndBadRequestsGetAnErrorCode() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/quote-b-ws-api?token=test")) {
            client.send("{\"cmd_id\":22000,\"seq_id\":123,\"trace\":\"asdfsdfa\",\"data\":{}}");
            client.send("{\"cmd_id\":22004,\"seq_id\":5,\"trace\":\"x\",\"data\":{}}");
            client.send("{\"cmd_id\":22004,\"seq_id\":6,\"trace\":\"y\",\"data\":{\"symbol_list\":[{\"code\":\"BTCUSDT\"}]}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> codesPushed(client).contains("BTCUSDT"));
            JsonNode pong = client.messages.get(0);
            assertEquals(22001, pong.get("cmd_id").asInt(), pong.toString());
            assertEquals(123, pong.get("seq_id").asInt());
            assertEquals(200, pong.get("ret").asInt());
            JsonNode refused = client.messages.get(1);
            assertEquals(400, refused.get("ret").asInt(), refused.toString());
            assertEquals(22005, refused.get("cmd_id").asInt());
        }
    }

    @Test
    void aClientWithoutATokenIsToldAndClosed() throws Exception {
        try (BinanceTestClient client = BinanceTestClient.connect(vertx, port, "/quote-stock-b-ws-api")) {
            await().atMost(Duration.ofSeconds(10)).until(client::isClosed);
            assertEquals(401, client.messages.get(0).get("ret").asInt(), client.messages.toString());
        }
    }

    private static List<JsonNode> pushes(BinanceTestClient client) {
        return client.messages.stream().filter(m -> m.path("cmd_id").asInt() == 22998).toList();
    }

    private static Set<String> codesPushed(BinanceTestClient client) {
        return pushes(client).stream().map(m -> m.get("data").get("code").asText()).collect(Collectors.toSet());
    }

    private static int indexOfAck(BinanceTestClient client, int seqId) {
        for (int i = 0; i < client.messages.size(); i++) {
            JsonNode m = client.messages.get(i);
            if (m.path("cmd_id").asInt() == 22005 && m.path("seq_id").asInt() == seqId) {
                return i;
            }
        }
        throw new AssertionError("no ack " + seqId);
    }
}
