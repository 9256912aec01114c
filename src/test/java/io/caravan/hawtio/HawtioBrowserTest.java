package io.caravan.hawtio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.caravan.support.Await;
import io.caravan.support.Browser;
import io.caravan.support.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * caravan's routes in a real Hawtio console: caravan runs with its Jolokia agent, {@code hawtio/run} (the README's
 * command) serves Hawtio in Jetty, and headless Chromium opens the Camel tab. The routes table must list caravan's
 * route ids with the exchange counts Jolokia reports, and the route diagram must draw. The screenshots go to
 * target/screenshots; the ones in docs/ were copied from there by hand (a test run does not touch tracked files).
 */
@QuarkusTest
@TestProfile(HawtioBrowserTest.Profile.class)
class HawtioBrowserTest {

    static final Path DATA = Path.of("target/test-data/hawtio");
    static final int SIMULATOR_PORT = 18786;
    static final int JOLOKIA_PORT = 18778;
    static final int HAWTIO_PORT = 18790;
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = new HashMap<>();
            config.put("caravan.feeds", "simulator");
            config.put("caravan.simulator.port", Integer.toString(SIMULATOR_PORT));
            config.put("caravan.simulator.trades-per-second", "20");
            config.put("caravan.symbols", "AAPL,MSFT");
            config.put("caravan.intervals", "1s,5s");
            config.put("caravan.bars.grace", "200ms");
            config.put("caravan.data-dir", DATA.toString());
            config.put("caravan.sinks", "csv");
            config.put("quarkus.camel.jolokia.enabled", "true");
            config.put("quarkus.camel.jolokia.server.port", Integer.toString(JOLOKIA_PORT));
            // Hawtio's proxy forwards its page's Origin: the console's, on this test's port
            config.put("caravan.jolokia.allowed-origins", "http://127.0.0.1:" + HAWTIO_PORT);
            return config;
        }
    }

    static HawtioConsole hawtio;
    static ChromeDriver browser;

    @BeforeAll
    static void startConsoleAndBrowser() throws Exception {
        Browser.assumeInstalled();
        hawtio = HawtioConsole.start(HAWTIO_PORT, Duration.ofMinutes(3));
        browser = Browser.open(Path.of("target/chrome-hawtio"), 1600, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (hawtio != null) {
            hawtio.close();
        }
    }

    @Test
    void theCamelTabShowsCaravansRoutesWithTheirExchangeCounts() throws Exception {
        // Hawtio 4.2 reads saved connections from the browser's localStorage only: save one, then open the Camel tab
        browser.get(hawtio.url("/hawtio/"));
        browser.executeScript("localStorage.setItem('connect.connections', arguments[0])",
                "{\"caravan\":{\"id\":\"caravan\",\"name\":\"caravan\",\"scheme\":\"http\",\"host\":\"127.0.0.1\","
                        + "\"port\":" + JOLOKIA_PORT + ",\"path\":\"/jolokia/\"}}");
        Map<String, Long> jolokia = exchangesByRoute();
        // the Finnhub route sends a frame's trades as one batch: route tick-batches, not ticks
        assertTrue(jolokia.getOrDefault("tick-batches", 0L) > 0, "trades flowed before the page opened: " + jolokia);

        browser.get(hawtio.url("/hawtio/camel/routes?con=caravan"));
        try {
            // the Camel tab opens on the context; its routes folder in the tree shows the routes table
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        treeNode("routes").click();
                        return true;
                    });
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> rows().keySet().containsAll(List.of("feed-finnhub", "tick-batches", "bars", "sink-csv")));
        } finally {
            screenshot("hawtio-routes-wait.png");
            Files.writeString(Path.of("target/hawtio-page.html"), browser.getPageSource());
        }
        Map<String, List<String>> rows = rows();
        Files.writeString(Path.of("target/hawtio-routes.txt"), rows.toString());
        for (String route : List.of("tick-batches", "bars", "sink-csv")) {
            long shown = rows.get(route).stream().filter(c -> c.matches("\\d+")).mapToLong(Long::parseLong).max()
                    .orElse(0);
            assertTrue(shown > 0, route + " shows an exchange count: " + rows.get(route));
            assertTrue(shown <= exchangesByRoute().get(route), route + ": shown " + shown + ", Jolokia says more");
        }
        screenshot("hawtio.png");

        // a route's diagram, drawn from the route's XML dump (camel-quarkus-xml-io-dsl)
        try {
            treeNode("bars").click();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        browser.findElement(By.xpath("//a[normalize-space()='Route Diagram']")).click();
                        return true;
                    });
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> browser.findElements(By.cssSelector(".react-flow__node")).size() >= 3);
        } finally {
            screenshot("hawtio-diagram.png");
            Files.writeString(Path.of("target/hawtio-diagram.html"), browser.getPageSource());
        }
        String diagram = browser.findElement(By.cssSelector(".react-flow")).getText();
        assertTrue(diagram.contains("From direct:tick") && diagram.contains("Aggregate"),
                "the bars route's input and aggregator are drawn: " + diagram);
    }

    private WebElement treeNode(String label) {
        return browser.findElement(By.xpath("//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='"
                + label + "']"));
    }

    /** Route id → the texts of its row's cells in Hawtio's routes table. */
    private Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new HashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("table tbody tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : row.findElements(By.cssSelector("td"))) {
                cells.add(cell.getText().trim());
            }
            cells.stream().filter(c -> !c.isEmpty() && !c.matches("[\\d.,:\\s]+")).findFirst()
                    .ifPresent(id -> rows.put(id, cells));
        }
        return rows;
    }

    /** ExchangesTotal of every caravan route, read from Jolokia directly. */
    private static Map<String, Long> exchangesByRoute() {
        JsonNode answer = Http.get("http://127.0.0.1:" + JOLOKIA_PORT
                + "/jolokia/read/org.apache.camel:context=*,type=routes,name=*/ExchangesTotal").body();
        Map<String, Long> counts = new HashMap<>();
        answer.get("value").fields().forEachRemaining(e -> {
            String name = e.getKey().replaceAll(".*name=\"?([^\",]+)\"?.*", "$1");
            counts.put(name, e.getValue().get("ExchangesTotal").asLong());
        });
        return counts;
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
