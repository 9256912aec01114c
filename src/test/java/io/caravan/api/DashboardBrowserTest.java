package io.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import io.caravan.support.Await;
import io.caravan.support.Browser;
import io.caravan.support.Http;
import io.caravan.support.QuoteRows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The live page in a real browser (Debian's headless Chromium) against caravan fed by its simulator at 2,000
 * trades/s (20 symbols × 100/s): the board fills, candles appear, update in place and are appended, the pickers and
 * the grid work, a symbol made of HTML stays text, and a 3 % drop injected at the simulator turns the row red and
 * is published as an event. It measures frame times and update lag (written to target/dashboard-perf.json) and
 * takes the screenshots for the README (target/screenshots/).
 */
@QuarkusTest
@TestProfile(DashboardBrowserTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final Path DATA = Path.of("target/test-data/dashboard");
    static final int SIMULATOR_PORT = 18775;
    static final int TRADES_PER_SECOND = 100;
    /** Shown as text on the page; as HTML it would set window.xss. No whitespace: the validator refuses that. */
    static final String HTML_SYMBOL = "<img/src=x/onerror=window.xss=1>";
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "AMZN", "TSLA", "NVDA", "GOOGL", "META",
            "BINANCE:BTCUSDT", "BINANCE:ETHUSDT", "JPM", "BAC", "XOM", "WMT", "KO", "PEP", "DIS", "NFLX", "INTC", "AMD",
            HTML_SYMBOL);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.of("caravan.feeds", "simulator", "caravan.simulator.port", Integer.toString(SIMULATOR_PORT),
                    "caravan.simulator.trades-per-second", Integer.toString(TRADES_PER_SECOND),
                    "caravan.symbols", String.join(",", SYMBOLS), "caravan.intervals", "5s,1m",
                    "caravan.bars.grace", "1s", "caravan.sinks", "jdbc", "caravan.data-dir", DATA.toString());
        }
    }

    static ChromeDriver browser;
    static final Map<String, Object> PERF = new LinkedHashMap<>();

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void openBrowser() throws Exception {
        Browser.assumeInstalled();
        browser = Browser.open(Path.of("target/chromium-profile"), 1400, 1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openPage() {
        if (browser.getCurrentUrl() == null || !browser.getCurrentUrl().startsWith(base.toString())) {
            browser.get(base + "?interval=5s");
            slowly().until(() -> Boolean.TRUE.equals(js("return window.caravanDashboard && window.caravanDashboard.ready")));
        }
    }

    static ConditionFactory slowly() {
        // a loaded 2-core machine: the browser, caravan and the simulator share it
        return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions();
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    static List<List<Number>> candles(String chartScript, Object... args) {
        return (List<List<Number>>) js("const el = " + chartScript + "; const chart = el && echarts.getInstanceByDom(el);"
                + " return chart ? chart.getOption().series[0].data : [];", args);
    }

    static List<List<Number>> mainCandles() {
        return candles("document.getElementById('chart')");
    }

    @SuppressWarnings("unchecked")
    static List<String> mainLabels() {
        return (List<String>) js("return echarts.getInstanceByDom(document.getElementById('chart')).getOption().xAxis[0].data;");
    }

    static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#board-rows tr"));
    }

    static WebElement row(String symbol) {
        return rows().stream().filter(r -> symbol.equals(r.getAttribute("data-symbol"))).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void theQuotesBoardFillsAndShowsSymbolsAsText() {
        slowly().until(() -> rows().size() == SYMBOLS.size()
                && rows().stream().noneMatch(r -> r.findElements(By.tagName("td")).get(2).getText().isBlank()));
        List<String> shown = rows().stream().map(r -> r.findElements(By.tagName("td")).get(0).getText()).toList();
        assertEquals(SYMBOLS.stream().sorted().toList(), shown);
        assertEquals("CRYPTO", row("BINANCE:BTCUSDT").findElements(By.tagName("td")).get(1).getText());
        assertEquals("US", row("AAPL").findElements(By.tagName("td")).get(1).getText());
        assertEquals("connected", row("AAPL").findElements(By.tagName("td")).get(9).getText());

        // the HTML symbol is text in the board, the picker and the chart title; it never became an element
        assertEquals(HTML_SYMBOL, row(HTML_SYMBOL).findElements(By.tagName("td")).get(0).getText());
        assertTrue(new Select(browser.findElement(By.id("symbol"))).getOptions().stream()
                .anyMatch(o -> HTML_SYMBOL.equals(o.getText())));
        new Select(browser.findElement(By.id("symbol"))).selectByValue(HTML_SYMBOL);
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals(HTML_SYMBOL + " · 5s"));
        slowly().until(() -> !mainCandles().isEmpty());
        assertEquals(0L, js("return document.querySelectorAll('img').length"));
        assertEquals(null, js("return window.xss === undefined ? null : window.xss"));

        // rows flash when their price changes
        slowly().until(() -> Boolean.TRUE.equals(
                js("return [...document.querySelectorAll('#board-rows tr')].some(r => r.getAnimations().length > 0)")));
    }

    @Test
    @Order(2)
    void candlesAppearUpdateInPlaceAndClosedBarsAreAppended() {
        new Select(browser.findElement(By.id("symbol"))).selectByValue("AAPL");
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals("AAPL · 5s"));
        slowly().until(() -> !mainCandles().isEmpty());
        int count = mainCandles().size();
        String lastLabel = mainLabels().get(mainLabels().size() - 1);
        List<Number> last = mainCandles().get(count - 1);

        // the bar in progress changes in place: same bucket, new values (at 100 trades/s it cannot stay still)
        slowly().until(() -> {
            List<String> labels = mainLabels();
            List<List<Number>> now = mainCandles();
            return labels.get(labels.size() - 1).equals(lastLabel) && !now.get(now.size() - 1).equals(last)
                    || !labels.get(labels.size() - 1).equals(lastLabel);
        });
        // a closed 5s bar is appended and a new one starts
        slowly().until(() -> mainCandles().size() >= count + 2);

        // a closed candle on the page is the bar the API gives for its bucket
        JsonNode apiBars = Http.get(base + "api/bars/AAPL?interval=5s&limit=200").body().get("bars");
        List<String> labels = mainLabels();
        List<List<Number>> shown = mainCandles();
        JsonNode closed = null;
        for (JsonNode bar : apiBars) {
            if (bar.get("closed").asBoolean()) {
                closed = bar;
            }
        }
        assertTrue(closed != null, apiBars.toString());
        String label = Instant.ofEpochMilli(closed.get("time").asLong()).toString().substring(11, 19);
        int index = labels.indexOf(label);
        assertTrue(index >= 0, label + " not in " + labels);
        List<Number> candle = shown.get(index);
        assertEquals(closed.get("open").asDouble(), candle.get(0).doubleValue(), 1e-9, "open");
        assertEquals(closed.get("close").asDouble(), candle.get(1).doubleValue(), 1e-9, "close");
        assertEquals(closed.get("low").asDouble(), candle.get(2).doubleValue(), 1e-9, "low");
        assertEquals(closed.get("high").asDouble(), candle.get(3).doubleValue(), 1e-9, "high");
    }

    @Test
    @Order(3)
    void thePickersSwitchSymbolAndInterval() {
        new Select(browser.findElement(By.id("symbol"))).selectByValue("BINANCE:BTCUSDT");
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals("BINANCE:BTCUSDT · 5s"));
        double btc = quote("BINANCE:BTCUSDT").get("last").asDouble();
        // the chart shows Bitcoin's prices (tens of thousands), not the previous symbol's
        slowly().until(() -> {
            List<List<Number>> c = mainCandles();
            return !c.isEmpty() && Math.abs(c.get(c.size() - 1).get(1).doubleValue() - btc) / btc < 0.05;
        });

        new Select(browser.findElement(By.id("interval"))).selectByValue("1m");
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals("BINANCE:BTCUSDT · 1m"));
        slowly().until(() -> {
            List<String> labels = mainLabels();
            long newest = Http.get(base + "api/bars/BINANCE%3ABTCUSDT?interval=1m&limit=1").body().get("bars").get(0)
                    .get("time").asLong();
            // minute labels (HH:MM), the newest being the API's newest 1m bar
            return !labels.isEmpty() && labels.stream().allMatch(l -> l.length() == 5)
                    && labels.get(labels.size() - 1).equals(Instant.ofEpochMilli(newest).toString().substring(11, 16));
        });
        new Select(browser.findElement(By.id("interval"))).selectByValue("5s");
        new Select(browser.findElement(By.id("symbol"))).selectByValue("AAPL");
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals("AAPL · 5s"));
    }

    JsonNode quote(String symbol) {
        return QuoteRows.find(Http.get(base + "api/quotes").body(), symbol);
    }

    @Test
    @Order(4)
    void anInjectedDropOfThreePercentRaisesTheAlert() throws Exception {
        // the calmest symbol, so that the alert is the drop's doing
        String symbol = "MSFT";
        double calmest = Double.MAX_VALUE;
        for (JsonNode q : Http.get(base + "api/quotes").body()) {
            String s = q.get("symbol").asText();
            if (!s.equals(HTML_SYMBOL) && !q.get("alert").asBoolean() && q.get("dropPercent").asDouble() < calmest) {
                calmest = q.get("dropPercent").asDouble();
                symbol = s;
            }
        }
        String shocked = symbol;
        assertTrue(!row(shocked).getAttribute("class").contains("alert"), shocked + " was already red");

        Http.Answer answer = Http.post("http://127.0.0.1:" + SIMULATOR_PORT + "/sim/shock",
                "{\"symbol\":\"" + shocked + "\",\"percent\":-3}");
        assertEquals(200, answer.status(), answer.body().toString());
        long shockTime = answer.body().get("time").asLong();

        slowly().until(() -> row(shocked).getAttribute("class").contains("alert"));
        JsonNode event = slowly().until(() -> alertEvent(shocked, shockTime), e -> e != null);
        assertEquals("raised", event.get("state").asText());
        assertTrue(event.get("dropPercent").asDouble() > 2, event.toString());
        assertTrue(quote(shocked).get("alert").asBoolean());

        new Select(browser.findElement(By.id("symbol"))).selectByValue(shocked);
        slowly().until(() -> browser.findElement(By.id("chart-title")).getText().equals(shocked + " · 5s"));
        slowly().until(() -> mainCandles().size() >= 3);
        screenshot("dashboard.png");
    }

    static JsonNode alertEvent(String symbol, long notBefore) throws Exception {
        Path dir = DATA.resolve("alerts");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode e = new ObjectMapper().readTree(line);
                    if (symbol.equals(e.get("symbol").asText()) && "raised".equals(e.get("state").asText())
                            && e.get("time").asLong() >= notBefore) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    @Test
    @Order(5)
    void measureTheSingleChartView() {
        PERF.put("single", measure(Duration.ofSeconds(20)));
    }

    @Test
    @Order(6)
    void theGridShowsEverySymbolLive() throws Exception {
        browser.findElement(By.id("view-grid")).click();
        slowly().until(() -> browser.findElements(By.cssSelector(".grid-cell")).size() == SYMBOLS.size());
        for (String symbol : SYMBOLS) {
            slowly().until(() -> !gridCandles(symbol).isEmpty());
        }
        List<String> titles = browser.findElements(By.cssSelector(".grid-cell h3")).stream().map(WebElement::getText)
                .toList();
        assertTrue(titles.contains(HTML_SYMBOL), titles.toString());
        int before = gridCandles("TSLA").size();
        slowly().until(() -> gridCandles("TSLA").size() > before);
        PERF.put("grid", measure(Duration.ofSeconds(20)));
        screenshot("dashboard-grid.png");
        assertEquals(0L, js("return document.querySelectorAll('img').length"));
    }

    static List<List<Number>> gridCandles(String symbol) {
        return candles("[...document.querySelectorAll('.grid-cell')].find(c => c.dataset.symbol === arguments[0])"
                + "?.querySelector('.chart')", symbol);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> measure(Duration span) {
        js("window.caravanDashboard.perf.reset()");
        // a measurement window, not a wait for the service
        Awaitility.await().atMost(span.plusMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ((Number) ((Map<String, Object>) js("return window.caravanDashboard.perf.snapshot()"))
                        .get("seconds")).doubleValue() >= span.toSeconds());
        return (Map<String, Object>) js("return window.caravanDashboard.perf.snapshot()");
    }

    /** The whole page (chart and every board row), then the window goes back to its size. */
    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Dimension size = browser.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(4000, height + 140)));
        try {
            Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(7)
    void writeTheMeasurements() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("setup", Map.of("symbols", SYMBOLS.size(), "tradesPerSecondPerSymbol", TRADES_PER_SECOND,
                "tradesPerSecond", SYMBOLS.size() * TRADES_PER_SECOND, "pushInterval", "250ms",
                "cpus", Runtime.getRuntime().availableProcessors(), "browser", "headless Chromium, --disable-gpu"));
        report.putAll(PERF);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        Files.writeString(Path.of("target/dashboard-perf.json"), json);
        System.out.println("Dashboard measurements (target/dashboard-perf.json):\n" + json);
        assertTrue(new ArrayList<>(PERF.keySet()).containsAll(List.of("single", "grid")), PERF.toString());
    }

    /**
     * Issue 15, item 6, in the browser: a page of another origin (localhost and 127.0.0.1 are two origins to a
     * browser) opens caravan's live channel and POSTs a halt to the simulator with {@code mode: 'no-cors'}, as any
     * site the user visits could. The handshake is refused and the symbol goes on trading.
     */
    @Test
    @Order(8)
    void aPageOfAnotherOriginCanNeitherOpenTheLiveChannelNorHaltASymbol() {
        String other = "localhost".equals(base.getHost()) ? "127.0.0.1" : "localhost";
        browser.get("http://" + other + ":" + base.getPort() + "/api/dashboard");
        String live = "ws://" + base.getHost() + ":" + base.getPort() + "/api/live";
        String halt = "http://127.0.0.1:" + SIMULATOR_PORT + "/sim/halt?symbol=AAPL&for=10m";
        long before = quote("AAPL").get("time").asLong();
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const [live, halt, done] = arguments;
                const outcome = {};
                fetch(halt, { method: 'POST', mode: 'no-cors' })
                    .then(() => { outcome.halt = 'sent'; }, e => { outcome.halt = 'failed: ' + e.message; })
                    .then(() => new Promise(resolve => {
                        const socket = new WebSocket(live);
                        socket.onopen = () => { outcome.live = 'open'; socket.close(); resolve(); };
                        socket.onclose = () => { outcome.live = outcome.live || 'refused'; resolve(); };
                    }))
                    .then(() => done(outcome));
                """, live, halt);
        assertEquals("refused", outcome.get("live"), outcome.toString());
        assertEquals("sent", outcome.get("halt"), "the request reached the simulator: " + outcome);
        // not halted: AAPL trades on
        slowly().until(() -> quote("AAPL").get("time").asLong() > before + 2_000);
    }
}
