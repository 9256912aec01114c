package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.Http;
import io.vertx.core.Vertx;

/** {@code POST /sim/shock}: a synthetic market moves at once, sends a trade at the new price and stays there. */
class MarketShockTest {

    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of("AAPL"),
                Optional.empty(), "1", Duration.ZERO, 20, Duration.ofSeconds(10), Optional.of(7L)));
        port = simulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.stop();
        SimTestClient.await(vertx.close());
    }

    String url() {
        return "http://127.0.0.1:" + port + "/sim/shock";
    }

    @Test
    void aDropMovesTheMarketAndSendsATradeAtTheNewPrice() throws Exception {
        try (SimTestClient client = SimTestClient.connect(vertx, port, "/")) {
            client.subscribe("AAPL");
            await().atMost(Duration.ofSeconds(30)).until(() -> !client.trades().isEmpty());
            List<SimTestClient.WireTrade> before = client.trades();
            BigDecimal last = new BigDecimal(before.get(before.size() - 1).p());

            Http.Answer answer = Http.post(url(), "{\"symbol\":\"AAPL\",\"percent\":-3}");
            assertEquals(200, answer.status(), answer.body().toString());
            BigDecimal shocked = new BigDecimal(answer.body().get("price").asText());
            // from the walk's price, which a trade or two may have moved since we read it
            BigDecimal expected = last.multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.HALF_UP);
            assertTrue(shocked.subtract(expected).abs().compareTo(last.multiply(new BigDecimal("0.005"))) < 0,
                    shocked + " vs " + expected);

            long time = answer.body().get("time").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.trades().stream()
                    .anyMatch(t -> t.t() == time && new BigDecimal(t.p()).compareTo(shocked) == 0));
            int sent = client.trades().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.trades().size() >= sent + 20);
            List<SimTestClient.WireTrade> after = client.trades().subList(sent, sent + 20);
            BigDecimal mean = after.stream().map(t -> new BigDecimal(t.p())).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(after.size()), 4, RoundingMode.HALF_UP);
            assertTrue(mean.compareTo(last.multiply(new BigDecimal("0.985"))) < 0,
                    "the market stays down: mean " + mean + " after " + last);
        }
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        assertEquals(404, Http.post(url(), "{\"symbol\":\"NOPE\",\"percent\":-3}").status());
        assertEquals(400, Http.post(url(), "{\"symbol\":\"AAPL\",\"percent\":0}").status());
        assertEquals(400, Http.post(url(), "{\"symbol\":\"AAPL\",\"percent\":-80}").status());
        assertEquals(400, Http.post(url(), "{\"symbol\":\"AAPL\"}").status());
        assertEquals(400, Http.post(url(), "not json").status());
        SimTestClient.HttpResult get = SimTestClient.get(port, "/sim/shock");
        assertEquals(405, get.status());
        JsonNode error = new ObjectMapper().readTree(get.body());
        assertTrue(error.get("error").asText().startsWith("Method not allowed"), get.body());
    }
}
