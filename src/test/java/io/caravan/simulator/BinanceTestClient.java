package io.caravan.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/** A real WebSocket client speaking Binance to the simulator, keeping every message in arrival order. */
final class BinanceTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient wsClient;
    private WebSocket ws;
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();

    private BinanceTestClient(WebSocketClient wsClient) {
        this.wsClient = wsClient;
    }

    private void received(String text) {
        try {
            messages.add(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            messages.add(JSON.getNodeFactory().textNode("NOT JSON: " + text));
        }
    }

    static BinanceTestClient connect(Vertx vertx, int port, String uri) throws Exception {
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions());
        BinanceTestClient client = new BinanceTestClient(wsClient);
        try {
            client.ws = SimTestClient.connectReading(wsClient, port, uri, client::received);
            return client;
        } catch (Exception e) {
            SimTestClient.await(wsClient.close());
            throw e;
        }
    }

    void send(String text) throws Exception {
        SimTestClient.await(ws.writeTextMessage(text));
    }

    /** Trade payloads, unwrapped from the combined stream when wrapped. */
    List<JsonNode> trades() {
        return messages.stream().map(m -> m.has("data") ? m.get("data") : m)
                .filter(m -> "trade".equals(m.path("e").asText())).toList();
    }

    /** Messages that are not trades: control replies, errors, serverShutdown. */
    List<JsonNode> others() {
        return messages.stream().filter(m -> !"trade".equals((m.has("data") ? m.get("data") : m).path("e").asText()))
                .toList();
    }

    boolean isClosed() {
        return ws.isClosed();
    }

    @Override
    public void close() throws Exception {
        if (!ws.isClosed()) {
            SimTestClient.await(ws.close());
        }
        SimTestClient.await(wsClient.close());
    }
}
