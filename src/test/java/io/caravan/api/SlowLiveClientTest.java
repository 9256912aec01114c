package io.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.Http;
import io.caravan.support.OutputBars;
import io.caravan.support.PrometheusText;
import io.caravan.support.RawWebSocket;
import io.caravan.support.SimulatorTrades;
import io.caravan.support.TestTrade;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.OpenConnections;

/**
 * Issue 15, item 4: pages that open {@code /api/live} and never read it, while 2,000 symbols trade. Each is
 * disconnected once its frames back up for longer than {@code caravan.dashboard.slow-client-timeout}, what is held
 * for it stays bounded, a page that reads goes on receiving frames, and the bars are those of every trade the
 * simulator made.
 */
@QuarkusTest
@TestProfile(SlowLiveClientTest.Profile.class)
class SlowLiveClientTest {

    static final Path DATA = Path.of("target/test-data/slow-live-client");
    static final int SIM_PORT = 18812;
    static final int SYMBOL_COUNT = 2000;
    static final int SLOW_CLIENTS = 5;
    static final List<String> SYMBOLS = IntStream.rangeClosed(1, SYMBOL_COUNT).mapToObj(i -> String.format("S%04d", i))
            .toList();
    static final String INTERVAL = "5s";
    static final long BUCKET = ExpectedBars.millis(INTERVAL);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = new HashMap<>();
            config.put("caravan.feeds", "simulator");
            config.put("caravan.simulator.port", Integer.toString(SIM_PORT));
            config.put("caravan.simulator.trades-per-second", "0.25");
            config.put("caravan.symbols", String.join(",", SYMBOLS));
            config.put("caravan.intervals", INTERVAL + ",1m");
            // trades may reach the bars seconds after their time while the slow pages are being written to
            config.put("caravan.bars.grace", "5s");
            config.put("caravan.sinks", "csv");
            config.put("caravan.data-dir", DATA.toString());
            // the bars compared are those caravan saw live: no trade may come in later by another way
            config.put("caravan.gap-fill.enabled", "false");
            config.put("caravan.dashboard.slow-client-timeout", "2s");
            return config;
        }
    }

    @TestHTTPResource("/")
    URI base;
    @Inject
    OpenConnections connections;

    @Test
    void pagesThatDoNotReadAreDisconnectedAndNothingElseSuffers() throws Exception {
        Reader reader = new Reader();
        WebSocket readerSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/api/live"), reader).get();
        // quotes of many symbols in one frame: the market is trading and reaches the page
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> reader.largestFrame.get() > 50_000);
        long from = nextBucket(System.currentTimeMillis()) + BUCKET;

        List<RawWebSocket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            RawWebSocket socket = RawWebSocket.open(base.getPort(), "/api/live", null);
            assertTrue(socket.upgraded(), socket.statusLine());
            slow.add(socket);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connections.listAll().size() == SLOW_CLIENTS + 1);

        // the pages that do not read are dropped; what is held for them meanwhile stays bounded
        double[] largestBacklog = { 0 };
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            PrometheusText metrics = metrics();
            largestBacklog[0] = Math.max(largestBacklog[0], metrics.sum("caravan_live_backlog"));
            return connections.listAll().size() == 1;
        });
        PrometheusText metrics = metrics();
        assertEquals(SLOW_CLIENTS, metrics.sum("caravan_live_clients_dropped_total"));
        assertEquals(1, metrics.sum("caravan_live_clients"));
        // per page at most: a quote and an alert per symbol, two bar times per symbol and interval within 2 s
        long bound = (long) SLOW_CLIENTS * SYMBOL_COUNT * (2 + 2 * 2);
        assertTrue(largestBacklog[0] <= bound, "backlog " + largestBacklog[0] + " > " + bound);
        for (RawWebSocket socket : slow) {
            assertTrue(socket.readUntilClosed(Duration.ofSeconds(30)) >= 0, "the server closed the slow page's socket");
            socket.close();
        }

        // the page that reads still gets frames
        long frames = reader.frames.get();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reader.frames.get() > frames + 4);
        readerSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        // and the bars hold every trade made, from before the slow pages came to after they were gone
        long to = nextBucket(System.currentTimeMillis()) + BUCKET;
        List<String> checked = IntStream.range(0, SYMBOL_COUNT).filter(i -> i % 40 == 0).mapToObj(SYMBOLS::get)
                .toList();
        // a symbol's bars are written in order: one of a later bucket means those before it are all written
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, ExpectedBar> written = OutputBars.fromCsv(DATA, checked::contains);
            return checked.stream().allMatch(s -> written.keySet().stream().anyMatch(key -> key.startsWith(s + "|")
                    && !Instant.parse(key.substring(key.lastIndexOf('|') + 1)).isBefore(Instant.ofEpochMilli(to))));
        });
        List<TestTrade> trades = new ArrayList<>();
        for (String symbol : checked) {
            SimulatorTrades.made(SIM_PORT, symbol, symbol, to).stream().filter(t -> t.ts() >= from).forEach(trades::add);
        }
        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, List.of(INTERVAL));
        assertTrue(expected.size() >= checked.size() * 2, "bars compared: " + expected.size());
        OutputBars.assertSameBars(expected, window(OutputBars.fromCsv(DATA, checked::contains), checked, from, to),
                "CSV");
    }

    private static long nextBucket(long millis) {
        return Math.floorDiv(millis, BUCKET) * BUCKET + BUCKET;
    }

    /** The interval's bars of the symbols that opened in [from, to). */
    private static Map<String, ExpectedBar> window(Map<String, ExpectedBar> bars, List<String> symbols, long from,
            long to) {
        Map<String, ExpectedBar> in = new TreeMap<>();
        for (String symbol : symbols) {
            for (long open = from; open < to; open += BUCKET) {
                String key = ExpectedBars.key(symbol, INTERVAL, Instant.ofEpochMilli(open));
                if (bars.containsKey(key)) {
                    in.put(key, bars.get(key));
                }
            }
        }
        return in;
    }

    private PrometheusText metrics() {
        return new PrometheusText(Http.text("http://127.0.0.1:" + base.getPort() + "/q/metrics"));
    }

    /** A page that reads every frame. */
    static final class Reader implements WebSocket.Listener {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong largestFrame = new AtomicLong();
        private long length;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            length += data.length();
            if (last) {
                frames.incrementAndGet();
                largestFrame.accumulateAndGet(length, Math::max);
                length = 0;
            }
            webSocket.request(1);
            return null;
        }
    }
}
