package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Live, 50 symbols at 5,000 trades/s each filled the heap within two minutes: the simulator kept 6 hours of every
 * trade it made, and made a timer's worth of trades (up to a quarter second of the whole market) in one go on the
 * event loop. Here the market runs far faster than it can be made (50 symbols at 50,000 trades/s) on a Vert.x with a
 * single event loop, so a timer beside it fires only when the simulator lets go of the loop.
 */
class BoundedSimulatorTest {

    private static final Duration WINDOW = Duration.ofMillis(500);
    private static final long MAX_TRADES = 100_000;

    @Test
    void keepsOnlyItsWindowAndNeverHoldsTheEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            symbols.add(String.format("S%02d", i));
        }
        ExchangeSimulator simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, symbols,
                Optional.empty(), "1", Duration.ZERO, 50_000, Duration.ofSeconds(30), Optional.of(7L))
                .withHistory(new TradeHistoryLimits(WINDOW, MAX_TRADES)));
        AtomicLong lastFired = new AtomicLong();
        AtomicLong longestGapNanos = new AtomicLong();
        try {
            int port = simulator.start();
            vertx.setPeriodic(20, id -> {
                long now = System.nanoTime();
                long previous = lastFired.getAndSet(now);
                if (previous != 0) {
                    longestGapNanos.accumulateAndGet(now - previous, Math::max);
                }
            });
            await().atMost(Duration.ofSeconds(120)).until(() -> simulator.tradesMade() >= 20 * MAX_TRADES);

            assertTrue(simulator.tradesRetained() <= MAX_TRADES,
                    "retained " + simulator.tradesRetained() + " of " + simulator.tradesMade() + " made");
            // the market made in one go held the loop 17 s here; in slices a few ms each. Vert.x warns of a blocked
            // loop at 2 s, but on a loaded 2-core machine (load 17) a GC or the scheduler alone was seen at 1.3 s
            long longestGapMillis = longestGapNanos.get() / 1_000_000;
            System.out.printf("Made %d trades, %d held; a 20 ms timer beside the market waited at most %d ms%n",
                    simulator.tradesMade(), simulator.tradesRetained(), longestGapMillis);
            assertTrue(longestGapMillis < 5_000, "a timer on the simulator's event loop waited " + longestGapMillis
                    + " ms");

            // what is kept is still served: the newest trades of a symbol, within the window of its newest
            JsonNode all = get(port, "/api/v1/stock/tick?symbol=S00&from=0&to=" + Long.MAX_VALUE + "&limit=25000");
            int total = all.get("total").asInt();
            assertTrue(total > 0, all.toString());
            long newest = 0;
            for (JsonNode t : all.get("t")) {
                newest = Math.max(newest, t.asLong());
            }
            for (JsonNode t : all.get("t")) {
                assertTrue(t.asLong() >= newest - WINDOW.toMillis(), "trade at " + t + ", newest " + newest);
            }
            long newestId = 0;
            for (JsonNode i : all.get("i")) {
                newestId = Math.max(newestId, i.asLong());
            }
            assertEquals(total, all.get("count").asInt(), "one page holds all of S00's trades");
            assertTrue(newestId > 2L * total, "S00 made " + newestId + " trades, keeps " + total);
        } finally {
            simulator.stop();
            SimTestClient.await(vertx.close());
        }
    }

    @Test
    void slicesMakeTheSameMarketAsOneGo() {
        long start = 1_700_000_000_000L;
        List<String> symbols = List.of("AAPL", "BINANCE:BTCUSDT", "KO");
        List<SimTrade> once = new SyntheticTradeSource(symbols, 200, Optional.of(42L), start)
                .generateUntil(start + 30_000);
        SyntheticTradeSource sliced = new SyntheticTradeSource(symbols, 200, Optional.of(42L), start);
        List<SimTrade> inSlices = new ArrayList<>();
        int slices = 0;
        while (sliced.isBehind(start + 30_000)) {
            inSlices.addAll(sliced.generateSlice(start + 30_000, 50));
            slices++;
        }
        assertTrue(slices > 100, "slices: " + slices);
        assertEquals(once.size(), inSlices.size());
        // per symbol in the same order; across symbols a same-millisecond tie may fall either way round a cut
        for (String symbol : symbols) {
            assertEquals(once.stream().filter(t -> t.symbol().equals(symbol)).toList(),
                    inSlices.stream().filter(t -> t.symbol().equals(symbol)).toList(), symbol);
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
