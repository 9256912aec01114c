package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void badRequestsAreRefused() throws Exception {
        assertEquals(404, Http.post(url("?symbol=NOPE&for=2s"), "").status());
        assertEquals(400, Http.post(url("?symbol=AAPL"), "").status());
        assertEquals(400, Http.post(url("?symbol=AAPL&for=soon"), "").status());
        assertEquals(400, Http.post(url("?for=2s"), "").status());
        assertEquals(405, SimTestClient.get(port, "/sim/halt?symbol=AAPL&for=2s").status());
    }
}
