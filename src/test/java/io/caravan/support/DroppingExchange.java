package io.caravan.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * An exchange for the gap-fill tests: the simulator in a Vert.x of its own (a process apart, as far as caravan knows),
 * replaying real trades at 30× and dropping every connection every 15 s, refusing new ones for 3 s (90 s of market
 * time). {@link #openWithoutCaravan} starts its market with a client of its own and keeps caravan out for the first
 * 4 s (2 minutes of market), as after a restart.
 */
public final class DroppingExchange implements AutoCloseable {

    private final int port;
    private final Vertx vertx;
    private final ExchangeSimulator exchange;

    private DroppingExchange(int port, Vertx vertx, ExchangeSimulator exchange) {
        this.port = port;
        this.vertx = vertx;
        this.exchange = exchange;
    }

    /**
     * What the gap-fill tests' caravan shares: both symbols, Finnhub and Binance routes pointed at this exchange's
     * port with quick reconnects, bars on the event clock (the replay's market time), CSV and a fresh PostgreSQL
     * schema under a fresh data directory. Each test adds its feeds and its gap sources.
     */
    public static Map<String, String> caravanSettings(int port, Path data, String pgSchema) {
        Await.deleteTree(data);
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.symbols", String.join(",", LeanDay.SYMBOLS));
        config.put("caravan.finnhub.url", "ws://127.0.0.1:" + port + "/");
        config.put("caravan.finnhub.reconnect-initial-delay", "500");
        config.put("caravan.finnhub.reconnect-max-delay", "2000");
        config.put("caravan.binance.url", "ws://127.0.0.1:" + port);
        config.put("caravan.binance.reconnect-initial-delay", "500");
        config.put("caravan.binance.reconnect-max-delay", "2000");
        config.put("caravan.bars.clock", "event");
        config.put("caravan.sinks", "csv,jdbc");
        config.put("caravan.jdbc.url", PostgresSchema.fresh(pgSchema));
        config.put("caravan.jdbc.username", PostgresSchema.USER);
        config.put("caravan.data-dir", data.toString());
        return config;
    }

    /** @param finnhubSymbol subscribed by the exchange's own first client: the replay starts with it */
    public static DroppingExchange openWithoutCaravan(int port, Path input, List<TestTrade> trades,
            String finnhubSymbol) throws Exception {
        if (!Files.exists(input)) {
            LeanTicks.writeReplayCsv(trades, input);
        }
        Vertx vertx = Vertx.vertx();
        ExchangeSimulator exchange = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", port, List.of(),
                Optional.of(input), "30", Duration.ofMillis(500), 5, Duration.ofSeconds(30), Optional.empty(),
                SimulatorSettings.DEFAULT_BINANCE_PING_INTERVAL, Optional.of(Duration.ofSeconds(15)),
                Duration.ofSeconds(3)));
        exchange.start();
        DroppingExchange opened = new DroppingExchange(port, vertx, exchange);
        WebSocket first = vertx.createWebSocketClient().connect(port, "127.0.0.1", "/")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.textMessageHandler(frame -> {
        });
        first.writeTextMessage("{\"type\":\"subscribe\",\"symbol\":\"" + finnhubSymbol + "\"}")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, opened.post("/sim/drop?for=4s").statusCode());
        return opened;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for the end of the replay; the number of trades sent. */
    public long replayFinished(Duration timeout) throws Exception {
        return exchange.fileReplayFinished().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HttpResponse<String> post(String path) throws Exception {
        // the header a web page cannot send: the simulator's controls require it (or a JSON body)
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path)).header("X-Caravan-Sim", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
