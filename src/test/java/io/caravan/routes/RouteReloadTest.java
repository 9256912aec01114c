package io.caravan.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.caravan.feed.FeedStatus;
import io.caravan.simulator.SimulatorService;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.OutputBars;
import io.caravan.support.RecordedTrades;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Live reload in a running caravan: the simulator's Finnhub feed runs the whole time while route files in
 * {@code caravan.routes.dir} are edited, broken, added and removed, a template's file is reloaded, and a user sink's
 * URI is changed in a watched properties file. At the end the feed still has its first connection, and every bar in
 * CSV equals the bar computed from the recorded frames: nothing lost, nothing twice.
 */
@QuarkusTest
@TestProfile(RouteReloadTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteReloadTest {

    static final Path DATA = Path.of("target/test-data/route-reload").toAbsolutePath();
    static final Path ROUTES = DATA.resolve("routes");
    static final Path PROBE = ROUTES.resolve("probe.yaml");
    static final Path TEMPLATE = ROUTES.resolve("probe-template.yaml");
    static final Path SINKS = DATA.resolve("sinks.properties");
    static final Duration WITHIN = Duration.ofSeconds(10);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            write(PROBE, probe("v1"));
            write(TEMPLATE, template("t1"));
            write(SINKS, sinkUri("live-a"));
            return Map.ofEntries(Map.entry("caravan.feeds", "simulator"),
                    Map.entry("caravan.simulator.port", "18781"),
                    Map.entry("caravan.finnhub.url", "ws://127.0.0.1:18781/"),
                    Map.entry("caravan.simulator.trades-per-second", "20"), Map.entry("caravan.symbols", "AAA,BBB"),
                    Map.entry("caravan.intervals", "1s,5s"), Map.entry("caravan.bars.clock", "wall"),
                    Map.entry("caravan.data-dir", DATA.toString()), Map.entry("caravan.sinks", "csv,live"),
                    Map.entry("caravan.record.dir", DATA.resolve("recordings").toString()),
                    Map.entry("caravan.record.flush-interval", "200ms"),
                    Map.entry("caravan.routes.dir", ROUTES.toString()),
                    Map.entry("caravan.routes.reload-delay", "200ms"),
                    // off for every other test (src/main/resources/application.properties)
                    Map.entry("%test.caravan.routes.reload", "true"),
                    // trades fetched over REST before the first live one are not in the recording the bars are
                    // compared with
                    Map.entry("caravan.gap-fill.backfill", "false"),
                    // the configuration file watched for sink URIs, instead of the top-level application.properties
                    Map.entry("quarkus.config.locations", SINKS.toString()));
        }
    }

    static String probe(String version) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - setBody:
                            simple: "%s ${body}"
                """.formatted(version);
    }

    static String template(String version) {
        return """
                - routeTemplate:
                    id: probe-connection
                    parameters:
                      - name: name
                    route:
                      autoStartup: false
                      from:
                        uri: "direct:probe-{{name}}"
                        steps:
                          - setBody:
                              simple: "%s {{name}} ${body}"
                """.formatted(version);
    }

    static String sinkUri(String dir) {
        return "caravan.sink.live.uri=file:" + DATA.resolve(dir) + "?fileName=bars.ndjson&fileExist=Append\n";
    }

    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    CamelContext camel;
    @Inject
    ProducerTemplate producer;
    @Inject
    RouteTemplateInstances templates;
    @Inject
    SimulatorService simulator;
    @Inject
    FeedStatus status;

    static long connectedSince;

    @BeforeAll
    static void captureLog() {
        java.util.logging.Logger.getLogger(RouteFileReloader.class.getName()).addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseLog() {
        java.util.logging.Logger.getLogger(RouteFileReloader.class.getName()).removeHandler(CAPTURE);
    }

    @Test
    @Order(1)
    void anEditedRouteChangesBehaviourWithinSeconds() {
        Awaitility.await().atMost(WITHIN).until(() -> status.of("finnhub").state().equals(FeedStatus.CONNECTED));
        connectedSince = status.of("finnhub").since();
        assertEquals("v1 x", producer.requestBody("direct:reload-probe", "x", String.class));

        LOG.clear();
        write(PROBE, probe("v2"));
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "v2 x".equals(requestOrNull("direct:reload-probe")));
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(1, LOG.stream().filter(l -> l.contains("probe.yaml reloaded")).count(), "one reload per save");
    }

    @Test
    @Order(2)
    void aBrokenFileIsRejectedWithOneLineAndTheOldRouteKeepsRunning() {
        String syntax = probe("v3") + "       - log: misindented\n";
        String unknownEip = probe("v3").replace("- setBody:", "- noSuchStep: {}\n        - setBody:");
        String unknownScheme = probe("v3") + "        - to: nosuchscheme:anywhere\n";
        String badOption = probe("v3") + "        - to: log:probe?noSuchOption=1\n";
        for (String broken : List.of(syntax, unknownEip, unknownScheme, badOption)) {
            LOG.clear();
            write(PROBE, broken);
            String line = Awaitility.await().atMost(WITHIN).until(
                    () -> LOG.stream().filter(l -> l.contains("rejected")).findFirst().orElse(null), l -> l != null);
            assertTrue(line.contains(PROBE.toString()), "names the file: " + line);
            assertFalse(line.contains("\n"), "one line: " + line);
            assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("reload-probe"));
            assertEquals("v2 x", producer.requestBody("direct:reload-probe", "x", String.class), broken);
            if (broken == syntax) {
                assertTrue(line.contains("probe.yaml line 8: "), "names the line: " + line);
            } else if (broken == unknownEip) {
                assertTrue(line.contains("noSuchStep"), line);
            } else if (broken == unknownScheme) {
                assertTrue(line.contains("nosuchscheme"), line);
            } else {
                assertTrue(line.contains("noSuchOption"), line);
            }
        }
        write(PROBE, probe("v4"));
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "v4 x".equals(requestOrNull("direct:reload-probe")));

        // builds, but its second route cannot start (direct:sinks has its consumer, the Java route "sinks"): the
        // first new route is taken out again and the file's previous route put back
        LOG.clear();
        write(PROBE, probe("v5") + probe("clash").replace("reload-probe", "reload-clash")
                .replace("direct:reload-clash", "direct:sinks"));
        String line = Awaitility.await().atMost(WITHIN).until(
                () -> LOG.stream().filter(l -> l.contains("rejected")).findFirst().orElse(null), l -> l != null);
        assertTrue(line.contains("previous routes were added back") && line.contains(PROBE.toString()), line);
        assertEquals("v4 x", producer.requestBody("direct:reload-probe", "x", String.class));
        assertNull(camel.getRoute("reload-clash"));
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("sinks"));
    }

    @Test
    @Order(3)
    void routesMadeFromAReloadedTemplateAreMadeAgainAndKeepTheirState() throws Exception {
        templates.add(camel, "probe-connection", "probe-a", Map.of("name", "a"));
        templates.add(camel, "probe-connection", "probe-b", Map.of("name", "b"));
        camel.getRouteController().startRoute("probe-a"); // as the feed starter starts a configured feed

        write(TEMPLATE, template("t2"));
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> camel.getRoute("probe-a") != null
                && "t2 a x".equals(requestOrNull("direct:probe-a?block=false")));
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("probe-a"));
        assertEquals(ServiceStatus.Stopped, camel.getRouteController().getRouteStatus("probe-b"),
                "a route that was not started stays stopped");
        assertThrows(CamelExecutionException.class, () -> producer.requestBody("direct:probe-b?block=false", "x", String.class));
    }

    @Test
    @Order(4)
    void anAddedFileAddsItsRoutesAndARemovedFileRemovesThem() throws IOException {
        Path added = ROUTES.resolve("added.yaml");
        write(added, probe("added").replace("reload-probe", "reload-added"));
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "added x".equals(requestOrNull("direct:reload-added?block=false")));

        Files.delete(added);
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> camel.getRoute("reload-added") == null);
        assertEquals("v4 x", producer.requestBody("direct:reload-probe", "x", String.class));
    }

    @Test
    @Order(5)
    void aUserSinkUriEditedInTheConfigurationFileTakesEffectLive() throws IOException {
        Path before = DATA.resolve("live-a/bars.ndjson");
        Path after = DATA.resolve("live-b/bars.ndjson");
        Awaitility.await().atMost(WITHIN).until(() -> Files.exists(before));

        write(SINKS, sinkUri("live-b"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(after) && lines(after).size() >= 4);
        long frozen = lines(before).size();
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(frozen, lines(before).size(), "the old endpoint gets no more bars");

        write(SINKS, sinkUri("live-c") + "caravan.sink.live.uri=nosuchscheme:x\n");
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertFalse(Files.exists(DATA.resolve("live-c")), "a URI that does not resolve is refused");
        long growing = lines(after).size();
        Awaitility.await().atMost(WITHIN).until(() -> lines(after).size() > growing);
    }

    @Test
    @Order(6)
    void theFeedKeptItsConnectionAndNoBarWasLostOrDuplicated() throws Exception {
        long cutoff = System.currentTimeMillis();
        // every trade before the cutoff is recorded, in its bars (grace 2 s) and in both sinks' files
        Awaitility.await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8)).until(() -> true);

        assertEquals(1, simulator.simulator().orElseThrow().finnhubConnections(), "one connection, never reopened");
        assertEquals(connectedSince, status.of("finnhub").since(), "connected since before the first edit");

        Map<String, ExpectedBar> expected = closedBefore(cutoff,
                ExpectedBars.compute(RecordedTrades.in(DATA.resolve("recordings/finnhub"), "finnhub"),
                        List.of("1s", "5s")));
        assertTrue(expected.size() > 10, "bars over the whole test: " + expected.size());
        OutputBars.assertSameBars(expected, closedBefore(cutoff, OutputBars.fromCsv(DATA)), "CSV");
        assertFalse(Files.exists(DATA.resolve("dead-letter")), "nothing refused, late or duplicated");

        // the user sink: every bar exactly once, before and after its URI changed
        List<String> sunk = new ArrayList<>();
        sunk.addAll(barKeys(DATA.resolve("live-a/bars.ndjson")));
        sunk.addAll(barKeys(DATA.resolve("live-b/bars.ndjson")));
        List<String> sunkBeforeCutoff = sunk.stream().filter(k -> closed(k, cutoff)).toList();
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(sunkBeforeCutoff), "user sink bars");
        assertEquals(sunkBeforeCutoff.size(), Set.copyOf(sunkBeforeCutoff).size(), "no bar twice in the user sink");
    }

    /** The answer, or null when the request fails, as one may while its route is being swapped for a new one. */
    private String requestOrNull(String uri) {
        try {
            return producer.requestBody(uri, "x", String.class);
        } catch (CamelExecutionException e) {
            return null;
        }
    }

    private static Map<String, ExpectedBar> closedBefore(long cutoff, Map<String, ExpectedBar> bars) {
        return bars.entrySet().stream().filter(e -> closed(e.getKey(), cutoff))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Whether the bar of this key ({@code SYMBOL|interval|open}) ended before the cutoff. */
    private static boolean closed(String key, long cutoff) {
        String[] parts = key.split("\\|");
        return Instant.parse(parts[2]).toEpochMilli() + ExpectedBars.millis(parts[1]) <= cutoff;
    }

    private static List<String> barKeys(Path ndjson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> keys = new ArrayList<>();
        for (String line : lines(ndjson)) {
            JsonNode bar = json.readTree(line);
            keys.add(ExpectedBars.key(bar.get("symbol").asText(), bar.get("interval").asText(),
                    Instant.parse(bar.get("open_time").asText())));
        }
        return keys;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
