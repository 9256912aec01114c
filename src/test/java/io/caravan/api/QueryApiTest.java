package io.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.bar.Bar;
import io.caravan.bar.Interval;
import io.caravan.sink.JdbcBarSink;
import io.caravan.support.Await;
import io.caravan.support.Http;
import io.caravan.support.QuoteRows;
import io.caravan.support.RawWebSocket;
import io.caravan.tick.RawTrade;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.caravan.market.Market;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /api/bars} answers from the database, from memory and from the bars still open (a longer bar in progress
 * merges its closed base bars with the open one); input is checked with clear 400s; {@code /api/quotes} and the
 * OpenAPI document are served.
 */
@QuarkusTest
@TestProfile(QueryApiTest.Profile.class)
class QueryApiTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(java.nio.file.Path.of("target/test-data/query-api"));
            return Map.of("caravan.feeds", "none", "caravan.data-dir", "target/test-data/query-api",
                    "caravan.sinks", "jdbc", "caravan.intervals", "1s,1m", "caravan.bars.grace", "200ms",
                    "caravan.bars.clock", "wall", "caravan.api.max-limit", "1000",
                    "caravan.dashboard.allowed-origins", "https://caravan.example.com");
        }
    }

    private static final AtomicLong SEQ = new AtomicLong();

    @TestHTTPResource("/")
    URL base;
    @Inject
    ProducerTemplate producer;
    @Inject
    JdbcBarSink database;
    @Inject
    BarHistory history;
    @Inject
    CamelContext camel;

    JsonNode bars(String symbol, String query) {
        Http.Answer answer = Http.get(base + "api/bars/" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                .replace("+", "%20") + query);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body().get("bars");
    }

    void trade(String symbol, long ts, String price, String size) {
        trade("test", symbol, ts, price, size);
    }

    void trade(String provider, String symbol, long ts, String price, String size) {
        long seq = SEQ.incrementAndGet();
        producer.sendBody("direct:trade", new RawTrade(provider, symbol, Long.toString(ts), price, size, null, null, seq,
                symbol + "," + ts + "," + price + "," + size));
    }

    static void assertDecimal(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    @Test
    void historyComesFromTheBarsTable() throws Exception {
        long open = Instant.parse("2024-08-08T23:55:00Z").toEpochMilli();
        database.write(new Bar("API-OLD", Interval.parse("1m"), open, new BigDecimal("61837.63"),
                new BigDecimal("61860.80"), new BigDecimal("61583.22"), new BigDecimal("61700.01"),
                new BigDecimal("15.07702"), new BigDecimal("930225.53"), new BigDecimal("61698.5"), 1255L));

        JsonNode found = bars("API-OLD", "?interval=1m&from=2024-08-08T00:00:00Z&to=2024-08-09T00:00:00Z");
        assertEquals(1, found.size(), found.toString());
        JsonNode bar = found.get(0);
        assertEquals(open, bar.get("time").asLong());
        assertDecimal("61837.63", bar.get("open"));
        assertDecimal("61860.80", bar.get("high"));
        assertDecimal("61583.22", bar.get("low"));
        assertDecimal("61700.01", bar.get("close"));
        assertDecimal("15.07702", bar.get("volume"));
        assertEquals(1255, bar.get("trades").asLong());
        assertTrue(bar.get("closed").asBoolean());

        assertEquals(0, bars("API-OLD", "?interval=1m&from=" + (open + 60_000)).size(), "from is inclusive of open time");
        assertEquals(0, bars("API-OLD", "?interval=1m&to=" + open).size(), "to is exclusive");
        assertEquals(0, bars("NO-SUCH-SYMBOL", "").size());
    }

    @Test
    void barsInProgressAndJustClosedAreAnsweredFromMemory() {
        // both trades must fall into one minute: start early in a minute (a wait on the clock, not on the service)
        Awaitility.await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() % 60_000 < 30_000);
        String symbol = "API-LIVE";
        long first = System.currentTimeMillis();
        trade(symbol, first, "10.00", "1");
        trade(symbol, first, "12.50", "2");

        JsonNode open = bars(symbol, "?interval=1s");
        assertEquals(1, open.size(), open.toString());
        // its 1s bucket closes 200 ms after its end: seen closed, from memory (the database sink may lag); polled
        // often, because while it closes the bar must never be missing (it leaves the aggregator before it reaches
        // the recent bars: a query between the two once answered nothing)
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
            JsonNode seen = bars(symbol, "?interval=1s");
            assertEquals(1, seen.size(), "the bar is in progress or closed, never absent: " + seen);
            return seen.get(0).get("closed").asBoolean();
        });
        JsonNode closed = bars(symbol, "?interval=1s").get(0);
        assertDecimal("10.00", closed.get("open"));
        assertDecimal("12.50", closed.get("close"));
        assertEquals(2, closed.get("trades").asLong());

        long second = Math.max(System.currentTimeMillis(), first + 1_000);
        trade(symbol, second, "9.00", "4");
        JsonNode oneSecond = bars(symbol, "?interval=1s");
        assertEquals(2, oneSecond.size(), oneSecond.toString());
        assertFalse(oneSecond.get(1).get("closed").asBoolean(), "the newest 1s bar is in progress");
        assertDecimal("9.00", oneSecond.get(1).get("close"));

        // the minute in progress = the closed 1s bar (in the rollup group) + the open 1s bar
        JsonNode minute = bars(symbol, "?interval=1m");
        assertEquals(1, minute.size(), minute.toString());
        JsonNode m = minute.get(0);
        assertFalse(m.get("closed").asBoolean());
        assertEquals(Interval.parse("1m").bucketStart(first), m.get("time").asLong());
        assertDecimal("10.00", m.get("open"));
        assertDecimal("12.50", m.get("high"));
        assertDecimal("9.00", m.get("low"));
        assertDecimal("9.00", m.get("close"));
        assertDecimal("7", m.get("volume"));
        assertEquals(3, m.get("trades").asLong());
    }

    /**
     * A query made while a bar closes, after it has left its aggregator (in its bucket's batch) and before it has reached the recent bars,
     * still finds it: the query is made from the closing thread's {@code direct:bar-watchers} send (the window) on
     * another thread, and given 500 ms to answer before the close goes on. Without the closing lock it answers at
     * once, with nothing.
     */
    @Test
    void aBarBeingClosedIsNeverMissing() throws Exception {
        String symbol = "API-CLOSING";
        BarQuery query = new BarQuery(Interval.parse("1s"), Long.MIN_VALUE, Long.MAX_VALUE, 10);
        CompletableFuture<BarSeries> answer = new CompletableFuture<>();
        EventNotifierSupport inTheWindow = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSendingEvent sending
                        && sending.getEndpoint().getEndpointUri().startsWith("direct://bar-watchers")
                        // the bars of a close, as one batch
                        && sending.getExchange().getMessage().getBody() instanceof List<?> bars
                        && bars.stream().anyMatch(b -> b instanceof Bar bar && bar.symbol().equals(symbol)
                                && bar.interval().equals(query.interval()))
                        && !answer.isDone()) {
                    CompletableFuture.runAsync(() -> answer.complete(history.find(symbol, query)));
                    try {
                        answer.get(500, TimeUnit.MILLISECONDS);
                    } catch (Exception waitedEnough) {
                        // the query waits for the close to finish: as it should
                    }
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(inTheWindow);
        try {
            trade(symbol, System.currentTimeMillis(), "3.00", "1");
            BarSeries seen = answer.get(30, TimeUnit.SECONDS);
            assertEquals(1, seen.bars().size(), "the closing bar was missing from the answer: " + seen);
            assertTrue(seen.bars().get(0).closed(), seen.toString());
        } finally {
            camel.getManagementStrategy().removeEventNotifier(inTheWindow);
        }
    }

    @Test
    void badQueriesAreRefusedWithAClearMessage() {
        assertBadRequest("?interval=2m", "unknown interval '2m': the configured intervals are 1s, 1m");
        assertBadRequest("?from=yesterday", "from 'yesterday' is neither epoch milliseconds nor an ISO-8601 time");
        assertBadRequest("?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", "bad time range: from (2024-01-02T00:00:00Z) must be before to");
        assertBadRequest("?limit=0", "limit must be at least 1");
        assertBadRequest("?limit=1001", "limit 1001 is above the maximum of 1000");
        assertBadRequest("?limit=ten", "limit 'ten' is not a whole number");
    }

    void assertBadRequest(String query, String message) {
        Http.Answer answer = Http.get(base + "api/bars/AAPL" + query);
        assertEquals(400, answer.status(), query);
        assertTrue(answer.body().get("error").asText().startsWith(message), answer.body().toString());
    }

    @Test
    void quotesCarryMarketAndFeedStatus() {
        long now = System.currentTimeMillis();
        trade("API-Q", now, "5.25", "3");
        trade("BINANCE:APIQUSDT", now, "0.5", "1.5");
        JsonNode quotes = Http.get(base + "api/quotes").body();
        JsonNode stock = QuoteRows.find(quotes, "API-Q");
        assertDecimal("5.25", stock.get("last"));
        assertDecimal("3", stock.get("volume"));
        assertEquals("US", stock.get("market").asText());
        assertEquals("test", stock.get("feed").asText());
        assertEquals("n/a", stock.get("feedStatus").asText(), "a feed without connection events");
        assertEquals(now, stock.get("time").asLong());
        assertTrue(stock.get("previousClose").isNull(), "no earlier day seen");
        assertEquals("CRYPTO", QuoteRows.find(quotes, "BINANCE:APIQUSDT").get("market").asText());
    }

    @Test
    void quotesCarryTheNormalisedInstrumentMarketAndSessionFlags() {
        long now = System.currentTimeMillis();
        trade("alltick", "00700.HK", now, "410.5", "100");
        trade("alltick", "600519.SH", now, "1500", "10");
        trade("binance", "APIQBTC", now, "0.1", "1");
        trade("finnhub", "API-N", now, "12", "1");
        JsonNode quotes = Http.get(base + "api/quotes").body();
        Instant t = Instant.ofEpochMilli(now);
        assertSession(QuoteRows.find(quotes, "00700.HK"), "700.HK", Market.HK, t);
        assertSession(QuoteRows.find(quotes, "600519.SH"), "600519.SS", Market.SH, t);
        assertSession(QuoteRows.find(quotes, "APIQBTC"), "APIQBTC.BINANCE", Market.CRYPTO, t);
        assertSession(QuoteRows.find(quotes, "API-N"), "API-N.US", Market.US, t);
        assertTrue(QuoteRows.find(quotes, "APIQBTC").get("inSession").asBoolean(), "crypto never closes");
    }

    /** Out-of-session trades are kept (the quote moved) and flagged, and counted per symbol. */
    private static void assertSession(JsonNode quote, String instrument, Market market, Instant t) {
        assertEquals(instrument, quote.get("instrument").asText(), quote.toString());
        assertEquals(market.name(), quote.get("market").asText());
        boolean open = market.isOpen(t);
        assertEquals(open, quote.get("inSession").asBoolean(), quote.toString());
        assertEquals(open ? 0 : 1, quote.get("outOfSessionTrades").asLong(), quote.toString());
    }

    @Test
    void theApiIsDocumentedWithOpenApi() {
        String doc = Http.text(base + "q/openapi");
        assertTrue(doc.contains("/api/bars/{symbol}"), doc);
        assertTrue(doc.contains("/api/quotes"), doc);
        assertTrue(doc.contains("Unknown interval, bad time range or limit"), doc);
    }

    /**
     * Issue 15, item 6: any page the user opens could otherwise read the live frames. A handshake from another origin
     * is refused; caravan's own pages, configured origins and non-browser clients (no Origin) are let in.
     */
    @Test
    void theLiveChannelRefusesPagesOfOtherOrigins() throws Exception {
        int port = base.getPort();
        for (String origin : new String[] { "http://attacker.example", "null", "http://127.0.0.1:" + (port + 1),
                "https://127.0.0.1:" + port }) {
            try (RawWebSocket socket = RawWebSocket.open(port, "/api/live", origin)) {
                assertEquals("HTTP/1.1 403 Forbidden", socket.statusLine(), origin);
            }
        }
        for (String origin : new String[] { null, "http://127.0.0.1:" + port, "https://caravan.example.com" }) {
            try (RawWebSocket socket = RawWebSocket.open(port, "/api/live", origin)) {
                assertTrue(socket.upgraded(), origin + ": " + socket.statusLine());
            }
        }
    }
}
