package io.caravan.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;

/**
 * One max-speed replay of a generated CSV, then checks on what the subscribed client got and on the candles the
 * simulator answers from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileReplayTest {

    private static final String WANTED = "BINANCE:BTCUSDT";
    private static final String OTHER = "AAPL";
    private static final long BASE = Instant.parse("2024-08-08T23:50:00Z").toEpochMilli();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Good rows as written, in file order. */
    private final List<SimTrade> rows = new ArrayList<>();
    private Vertx vertx;
    private ExchangeSimulator simulator;
    private int port;
    private SimTestClient client;
    private long replayCount;

    @BeforeAll
    void replay(@TempDir Path dir) throws Exception {
        Path csv = writeCsv(dir.resolve("trades.csv"));
        vertx = Vertx.vertx();
        simulator = new ExchangeSimulator(vertx, new SimulatorSettings("127.0.0.1", 0, List.of(), Optional.of(csv),
                "max", Duration.ofMillis(300), 5, Duration.ofSeconds(30), Optional.empty()));
        port = simulator.start();
        client = SimTestClient.connect(vertx, port, "/?token=secret");
        client.subscribe(WANTED);
        replayCount = simulator.fileReplayFinished().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.trades().size() >= wantedRows().size());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
        SimTestClient.await(vertx.close());
    }

    @Test
    void clientGetsExactlyItsSymbolsRowsInFileOrderWithTheirText() {
        List<SimTrade> received = client.trades().stream()
                .map(t -> new SimTrade(t.symbol(), t.t(), t.p(), t.v()))
                .toList();
        assertEquals(wantedRows(), received);
        assertTrue(received.stream().anyMatch(t -> t.price().endsWith("000000")), "trailing zeros kept");
    }

    @Test
    void sameTimestampGroupsTravelInOneFrame() {
        List<SimTestClient.Message> frames = client.tradeFrames();
        assertTrue(frames.size() >= 2, "a 1400-row replay at max speed needs several frames: " + frames.size());
        SyntheticModeTest.assertSameTimestampNeverInTwoFrames(frames);
        // the group written across the 500-row batch boundary (see writeCsv) came whole
        long straddling = BASE + 500L * 450;
        long framesWithIt = frames.stream().filter(f -> f.trades().stream().anyMatch(t -> t.t() == straddling))
                .count();
        assertEquals(1, framesWithIt);
    }

    @Test
    void replayFinishedCountsTheTradesSent() {
        assertEquals(wantedRows().size(), replayCount);
        assertEquals(wantedRows().size(), simulator.tradesServed());
    }

    @Test
    void oneMinuteCandlesMatchTheServedRows() throws Exception {
        assertCandles("1", 60);
    }

    @Test
    void fiveMinuteCandlesMatchTheServedRows() throws Exception {
        assertCandles("5", 300);
    }

    @Test
    void candleRangeSelectsBarsByStart() throws Exception {
        Map<Long, List<SimTrade>> bars = groupByBar(wantedRows(), 60);
        List<Long> starts = new ArrayList<>(bars.keySet());
        long from = starts.get(2);
        long to = starts.get(4);
        JsonNode body = candles(WANTED, "1", from - 1, to + 59);
        assertEquals("ok", body.get("s").asText());
        assertEquals(List.of(from, starts.get(3), to), longs(body.get("t")));
    }

    @Test
    void noDataOutsideTheReplayedRangeOrForSymbolsTheMarketNeverTraded() throws Exception {
        assertEquals("{\"s\":\"no_data\"}", SimTestClient.get(port,
                "/api/v1/stock/candle?symbol=" + WANTED + "&resolution=1&from=0&to=1000").body());
        long from = BASE / 1000 - 3600;
        long to = BASE / 1000 + 3600;
        assertEquals("{\"s\":\"no_data\"}", SimTestClient.get(port,
                "/api/v1/stock/candle?symbol=NOPE&resolution=1&from=" + from + "&to=" + to).body());
        // never subscribed, so never served, but traded: an exchange's candles hold every trade it made
        assertEquals("ok", candles(OTHER, "1", from, to).get("s").asText());
    }

    @Test
    void tickEndpointGivesEveryTradeOfTheRangeWithIdsAndPages() throws Exception {
        List<SimTrade> wanted = wantedRows();
        long from = wanted.get(10).timestamp();
        long to = wanted.get(200).timestamp();
        List<SimTrade> expected = wanted.stream().filter(t -> t.timestamp() >= from && t.timestamp() < to).toList();
        List<SimTrade> got = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        StringBuilder bodies = new StringBuilder();
        long total;
        do {
            SimTestClient.HttpResult result = SimTestClient.get(port, "/api/v1/stock/tick?symbol=" + WANTED
                    + "&from=" + from + "&to=" + to + "&limit=50&skip=" + got.size());
            assertEquals(200, result.status(), result.body());
            JsonNode body = MAPPER.readTree(result.body());
            bodies.append(result.body());
            total = body.get("total").asLong();
            assertEquals(body.get("count").asInt(), body.get("t").size());
            for (int i = 0; i < body.get("t").size(); i++) {
                got.add(new SimTrade(WANTED, body.get("t").get(i).asLong(), body.get("p").get(i).asText(),
                        body.get("v").get(i).asText()));
                ids.add(body.get("i").get(i).asLong());
            }
        } while (got.size() < total);
        assertEquals(expected.size(), total);
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timestamp(), got.get(i).timestamp());
            assertEquals(0, new BigDecimal(expected.get(i).price()).compareTo(new BigDecimal(got.get(i).price())));
            assertEquals(0, new BigDecimal(expected.get(i).size()).compareTo(new BigDecimal(got.get(i).size())));
            // the wire text is the file's, digit for digit (Jackson's tree would drop trailing zeros)
            assertTrue(bodies.indexOf(expected.get(i).price()) >= 0, expected.get(i).price());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) + 1, ids.get(i), "consecutive trade ids");
        }
        assertEquals(422, SimTestClient.get(port, "/api/v1/stock/tick?symbol=X&from=a&to=1").status());
    }

    @Test
    void rejectsMissingOrInvalidParametersWith422() throws Exception {
        for (String query : List.of("resolution=1&from=0&to=1", "symbol=X&resolution=2&from=0&to=1",
                "symbol=X&from=0&to=1", "symbol=X&resolution=1&from=abc&to=1", "symbol=X&resolution=1&from=0")) {
            SimTestClient.HttpResult result = SimTestClient.get(port, "/api/v1/stock/candle?" + query);
            assertEquals(422, result.status(), query);
            assertTrue(MAPPER.readTree(result.body()).get("error").isTextual(), result.body());
        }
    }

    private void assertCandles(String resolution, int barSeconds) throws Exception {
        Map<Long, List<SimTrade>> expected = groupByBar(wantedRows(), barSeconds);
        long from = expected.keySet().iterator().next();
        long to = new ArrayList<>(expected.keySet()).get(expected.size() - 1);
        assertTrue(expected.size() >= 2, "test data spans several bars");

        JsonNode body = candles(WANTED, resolution, from, to);
        assertEquals("ok", body.get("s").asText());
        assertEquals(List.of("c", "h", "l", "o", "s", "t", "v"), fieldNames(body));
        assertEquals(new ArrayList<>(expected.keySet()), longs(body.get("t")));
        int i = 0;
        for (List<SimTrade> bar : expected.values()) {
            BigDecimal open = new BigDecimal(bar.get(0).price());
            BigDecimal close = new BigDecimal(bar.get(bar.size() - 1).price());
            BigDecimal high = bar.stream().map(t -> new BigDecimal(t.price())).reduce(BigDecimal::max).orElseThrow();
            BigDecimal low = bar.stream().map(t -> new BigDecimal(t.price())).reduce(BigDecimal::min).orElseThrow();
            BigDecimal volume = bar.stream().map(t -> new BigDecimal(t.size())).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            assertDecimal(open, body.get("o").get(i));
            assertDecimal(high, body.get("h").get(i));
            assertDecimal(low, body.get("l").get(i));
            assertDecimal(close, body.get("c").get(i));
            assertDecimal(volume, body.get("v").get(i));
            i++;
        }
    }

    private JsonNode candles(String symbol, String resolution, long from, long to) throws Exception {
        SimTestClient.HttpResult result = SimTestClient.get(port, "/api/v1/stock/candle?symbol=" + symbol
                + "&resolution=" + resolution + "&from=" + from + "&to=" + to + "&token=secret");
        assertEquals(200, result.status(), result.body());
        return MAPPER.readTree(result.body());
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual) {
        assertTrue(actual.isNumber(), String.valueOf(actual));
        assertEquals(0, expected.compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    private static Map<Long, List<SimTrade>> groupByBar(List<SimTrade> trades, int barSeconds) {
        Map<Long, List<SimTrade>> bars = new LinkedHashMap<>();
        for (SimTrade trade : trades) {
            long start = Math.floorDiv(trade.timestamp(), barSeconds * 1000L) * barSeconds;
            bars.computeIfAbsent(start, s -> new ArrayList<>()).add(trade);
        }
        return bars;
    }

    private List<SimTrade> wantedRows() {
        return rows.stream().filter(r -> r.symbol().equals(WANTED)).toList();
    }

    /**
     * 1400 good rows of two symbols, about 10 minutes, with runs of equal timestamps; one run sits across row 500
     * where a max-speed batch would be cut. Bad rows come late so they do not shift that boundary.
     */
    private Path writeCsv(Path file) throws IOException {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("timestamp,symbol,price,size,trade_id\n");
        for (int i = 0; i < 1400; i++) {
            long t = (i >= 495 && i <= 506) ? BASE + 500L * 450 : BASE + i * 450L;
            if (i % 4 == 1 && i < 495 || i % 4 == 1 && i > 506) {
                t = BASE + (i - 1) * 450L; // same timestamp as the row before
            }
            boolean wanted = (i >= 495 && i <= 506) ? i % 2 == 0 : random.nextInt(3) > 0;
            String symbol = wanted ? WANTED : OTHER;
            String price = wanted
                    ? new BigDecimal(61_000 + random.nextInt(2000)).add(new BigDecimal(random.nextInt(100)).movePointLeft(2))
                            .setScale(8).toPlainString()
                    : "164." + String.format("%04d", random.nextInt(10_000));
            String size = wanted ? new BigDecimal(1 + random.nextInt(50_000)).movePointLeft(8).toPlainString()
                    : Integer.toString(1 + random.nextInt(500));
            String timestamp = i % 7 == 0 ? Instant.ofEpochMilli(t).toString() : Long.toString(t);
            rows.add(new SimTrade(symbol, t, price, size));
            csv.append(timestamp).append(',').append(symbol).append(',').append(price).append(',').append(size)
                    .append(',').append(i).append('\n');
            if (i == 1100) {
                csv.append("2024-08-08T23:59:00.123Z,").append(WANTED).append(",abc,1,x\n");
                csv.append("yesterday,").append(WANTED).append(",61000.00000000,1,y\n");
                csv.append(t).append(',').append(WANTED).append(",.5,1,z\n");
                csv.append(t).append(',').append(WANTED).append('\n');
            }
        }
        Files.writeString(file, csv);
        return file;
    }
}
