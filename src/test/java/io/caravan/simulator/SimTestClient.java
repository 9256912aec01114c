package io.caravan.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/** A real WebSocket/HTTP client against the simulator, recording every message in arrival order. */
final class SimTestClient implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    /** A trade as it was on the wire: price and size are the literal JSON number text. */
    record WireTrade(String symbol, long t, String p, String v, List<String> c) {
    }

    /** One message received: its type and, for trade frames, its trades. */
    record Message(String type, String msg, List<WireTrade> trades, String raw) {
    }

    record HttpResult(int status, String body) {
    }

    /**
     * Blocking JDK client for the candle endpoint. A Vert.x client made per call and dropped can be closed by Vert.x's
     * cleaner when garbage is collected mid-request, which hung a test once.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Held for the connection's life, for the same reason. */
    private final WebSocketClient wsClient;
    private WebSocket ws;
    final List<Message> messages = new CopyOnWriteArrayList<>();

    private SimTestClient(WebSocketClient wsClient) {
        this.wsClient = wsClient;
    }

    static SimTestClient connect(Vertx vertx, int port, String uri) throws Exception {
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(4 << 20));
        SimTestClient client = new SimTestClient(wsClient);
        client.ws = connectReading(wsClient, port, uri, text -> client.messages.add(parse(text)));
        return client;
    }

    /**
     * Connects with the text handler set on the event loop as the handshake completes, before the socket reads on:
     * set from the test thread, it came too late for a server that answers and closes at once ("WebSocket is closed").
     */
    static WebSocket connectReading(WebSocketClient wsClient, int port, String uri, Handler<String> onText)
            throws Exception {
        return await(wsClient.connect(port, "127.0.0.1", uri).map(ws -> {
            ws.textMessageHandler(onText);
            return ws;
        }));
    }

    static HttpResult get(int port, String uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new HttpResult(response.statusCode(), response.body());
    }

    void send(String text) throws Exception {
        await(ws.writeTextMessage(text));
    }

    void subscribe(String symbol) throws Exception {
        send("{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}");
    }

    void unsubscribe(String symbol) throws Exception {
        send("{\"type\":\"unsubscribe\",\"symbol\":\"" + symbol + "\"}");
    }

    List<Message> tradeFrames() {
        return messages.stream().filter(m -> "trade".equals(m.type())).toList();
    }

    List<WireTrade> trades() {
        return tradeFrames().stream().flatMap(m -> m.trades().stream()).toList();
    }

    long count(String type) {
        return messages.stream().filter(m -> type.equals(m.type())).count();
    }

    /** Stops reading from the socket, so the server's writes back up. */
    void pauseReading() {
        ws.pause();
    }

    void resumeReading() {
        ws.resume();
    }

    boolean isClosed() {
        return ws.isClosed();
    }

    @Override
    public void close() throws Exception {
        if (!ws.isClosed()) {
            await(ws.close());
        }
        await(wsClient.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Message parse(String text) {
        String type = null;
        String msg = null;
        List<WireTrade> trades = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            assertTrue(json.nextToken() == JsonToken.START_OBJECT, text);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "type" -> type = json.getText();
                    case "msg" -> msg = json.getText();
                    case "data" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            trades.add(parseTrade(json, text));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
        return new Message(type, msg, trades, text);
    }

    private static WireTrade parseTrade(JsonParser json, String frame) throws IOException {
        String s = null;
        String p = null;
        String v = null;
        long t = -1;
        List<String> c = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "s" -> s = json.getText();
                case "t" -> t = json.getLongValue();
                case "p", "v" -> {
                    assertTrue(token.isNumeric(), field + " must be a JSON number in " + frame);
                    if (field.equals("p")) {
                        p = json.getText(); // the literal, not a double's rendering
                    } else {
                        v = json.getText();
                    }
                }
                case "c" -> {
                    c = new ArrayList<>();
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        c.add(json.getText());
                    }
                }
                default -> json.skipChildren();
            }
        }
        return new WireTrade(s, t, p, v, c);
    }
}
