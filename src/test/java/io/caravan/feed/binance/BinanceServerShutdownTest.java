package io.caravan.feed.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.feed.FeedStatus;
import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.Await;
import io.caravan.support.Http;
import io.caravan.tick.TickValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A serverShutdown event alone, with the server keeping the connection open: the route leaves by itself and
 * reconnects, and trades keep coming.
 */
@QuarkusTest
@TestProfile(BinanceServerShutdownTest.Profile.class)
class BinanceServerShutdownTest {

    static final Path DATA = Path.of("target/test-data/binance-server-shutdown");
    static final int PORT = 18798;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.ofEntries(Map.entry("caravan.feeds", "simulator,binance"),
                    Map.entry("caravan.simulator.port", Integer.toString(PORT)),
                    Map.entry("caravan.simulator.trades-per-second", "20"),
                    Map.entry("caravan.feed.simulator.symbols", "AAA"),
                    Map.entry("caravan.feed.binance.symbols", "BTCUSDT"),
                    Map.entry("caravan.binance.reconnect-initial-delay", "200"),
                    Map.entry("caravan.intervals", "1s"), Map.entry("caravan.bars.clock", "wall"),
                    Map.entry("caravan.data-dir", DATA.toString()), Map.entry("caravan.sinks", "csv"));
        }
    }

    @Inject
    SimulatorService simulator;
    @Inject
    FeedStatus status;
    @Inject
    TickValidator validator;

    @Test
    void theRouteReconnectsOnServerShutdownWithoutWaitingForTheServerToClose() {
        ExchangeSimulator exchange = simulator.simulator().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> FeedStatus.CONNECTED.equals(status.of("binance").state()));
        assertEquals(1, exchange.binanceConnections());

        Http.Answer answer = Http.post("http://127.0.0.1:" + PORT + "/sim/binance/shutdown?close=false", "");
        assertEquals(200, answer.status());
        assertEquals(1, answer.body().get("clients").asInt());

        // the simulator did not close: only the route's own reaction to the event opens a second connection
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> exchange.binanceConnections() == 2);
        long checked = validator.checked();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> validator.checked() > checked + 20
                && FeedStatus.CONNECTED.equals(status.of("binance").state()));
    }
}
