package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.support.Http;
import io.vertx.core.Vertx;

/** {@code POST /sim/halt}: a synthetic symbol stops trading for a while, then resumes; the other goes on. */
class TradingHaltTest {

    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of("AAPL", "MSFT"),
                Optional.empty(), "1", Duration.ZERO, 20, Duration.ofSeconds(10), Optional.of(7L)));
        port = simulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.stop();
        SimTestClient.await(vertx.close());
    }

    String url(String query) {
        return "http://127.0.0.1:" + port + "/sim/halt" + query;
    }

    @Test
    void aHaltedSymbolSendsNoTradeUntilTheHaltEnds() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/")) {
            client.subscribe("AAPL");
            client.subscribe("MSFT");
            await().atMost(Duration.ofSeconds(30)).until(() -> !client.trades().isEmpty());
            Http.Answer answer = Http.post(url("?symbol=AAPL&for=2s"), "");
            assertEquals(200, answer.status(), String.valueOf(answer.body()));
            long until = answer.body().get("haltedUntil").asLong();
            long from = until - 2_000;
            await().atMost(Duration.ofSeconds(30)).until(() -> client.trades().stream()
                    .anyMatch(t -> t.symbol().equals("AAPL") && t.t() >= until));
            List<SimTestClient.WireTrade> trades = client.trades();
            assertTrue(trades.stream().noneMatch(t -> t.symbol().equals("AAPL") && t.t() >= from && t.t() < until),
                    "no AAPL trade during the halt");
            assertTrue(trades.stream().anyMatch(t -> t.symbol().equals("MSFT") && t.t() >= from && t.t() < until),
                    "MSFT went on trading");
        }
    }

    /**
     * Issue 15, item 6: a web page the user opens is on loopback too. What it can send without CORS consent (a
     * simple POST: no custom header, a text/plain or form body, as {@code fetch(.., {mode: 'no-cors'})} does) or with
     * an Origin of its own is refused, and the symbol is not halted.
     */
    @Test
    void aWebPageCannotHaltASymbol() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> simple = http.send(HttpRequest.newBuilder(URI.create(url("?symbol=AAPL&for=60s")))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, simple.statusCode(), simple.body());
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(url("?symbol=AAPL&for=60s")))
                .header("Origin", "http://attacker.example").header("X-Caravan-Sim", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), foreign.body());

        // AAPL trades on: no halt was set
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/")) {
            client.subscribe("AAPL");
            long after = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.trades().stream()
                    .anyMatch(t -> t.symbol().equals("AAPL") && t.t() >= after));
        }
        // the same request with the header a page cannot send halts it
        HttpResponse<String> tool = http.send(HttpRequest.newBuilder(URI.create(url("?symbol=AAPL&for=2s")))
                .header("X-Caravan-Sim", "1").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tool.statusCode(), tool.body());
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        assertEquals(404, Http.post(url("?symbol=NOPE&for=2s"), "").status());
        assertEquals(400, Http.post(url("?symbol=AAPL"), "").status());
        assertEquals(400, Http.post(url("?symbol=AAPL&for=soon"), "").status());
        assertEquals(400, Http.post(url("?for=2s"), "").status());
        assertEquals(405, SimTestClient.get(port, "/sim/halt?symbol=AAPL&for=2s").status());
    }
}
