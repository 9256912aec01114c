package io.caravan.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import io.caravan.support.Browser;
import io.caravan.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * caravan's Jolokia agent with its default settings: reads only, from its own origin and host names only, and one
 * client that stops half-way through its request does not hold up the others.
 */
@QuarkusTest
@TestProfile(JolokiaAccessTest.Profile.class)
class JolokiaAccessTest {

    static final int JOLOKIA_PORT = 18771;
    static final int SIMULATOR_PORT = 18774;
    static final Path DATA = Path.of("target/test-data/jolokia-access");
    static final Map<String, String> SAME_ORIGIN = Map.of("Origin", "http://127.0.0.1:" + JOLOKIA_PORT);
    static final String FOREIGN_ORIGIN = "http://attacker.example:8000";
    static final int FOREIGN_PAGE_PORT = 18773;
    static final String BARS_STATE = JolokiaCalls.path("/jolokia/read/" + JolokiaCalls.route("bars") + "/State");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return JolokiaApp.settings(DATA, SIMULATOR_PORT, JOLOKIA_PORT);
        }
    }

    final JolokiaCalls sameOrigin = new JolokiaCalls(JOLOKIA_PORT, SAME_ORIGIN);

    @Test
    void readListSearchAndVersionAnswerTheSameOriginAndClientsWithoutAnOrigin() {
        for (JolokiaCalls jolokia : new JolokiaCalls[] {sameOrigin, new JolokiaCalls(JOLOKIA_PORT, Map.of())}) {
            assertTrue(JolokiaCalls.value(jolokia.version()).has("agent"));
            assertEquals("Started", JolokiaCalls.value(jolokia.read(JolokiaCalls.route("bars"), "State")).asText());
            assertTrue(JolokiaCalls.value(jolokia.search("org.apache.camel:type=routes,*")).toString()
                    .contains("name=\\\"bars\\\""));
            assertTrue(JolokiaCalls.value(jolokia.list("org.apache.camel")).size() > 0);
        }
        RawHttp.Answer get = RawHttp.get(JOLOKIA_PORT, BARS_STATE, SAME_ORIGIN);
        assertEquals("Started", JolokiaCalls.value(get).asText(), get.body());
    }

    @Test
    void execIsRefused() {
        Path written = DATA.resolve("exec/written.txt");
        RawHttp.Answer send = sameOrigin.exec(JolokiaCalls.CONTEXT, "sendStringBody(java.lang.String,java.lang.String)",
                "file:" + DATA.resolve("exec") + "?fileName=written.txt", "written through Jolokia");
        assertEquals(403, JolokiaCalls.status(send), send.body());
        assertFalse(Files.exists(written), "sendStringBody wrote " + written);

        RawHttp.Answer stop = sameOrigin.exec(JolokiaCalls.route("sink-csv"), "stop()");
        assertEquals(403, JolokiaCalls.status(stop), stop.body());
        assertEquals("Started", JolokiaCalls.value(sameOrigin.read(JolokiaCalls.route("sink-csv"), "State")).asText());

        // the exploit: one GET with the operation and its arguments in the path
        RawHttp.Answer get = RawHttp.get(JOLOKIA_PORT, JolokiaCalls.path("/jolokia/exec/" + JolokiaCalls.CONTEXT
                + "/sendStringBody(java.lang.String,java.lang.String)/file:target!/test-data!/jolokia-access!/exec/x"),
                Map.of());
        assertEquals(403, JolokiaCalls.status(get), get.body());
        assertFalse(Files.exists(DATA.resolve("exec")), "sendStringBody wrote into " + DATA.resolve("exec"));
    }

    @Test
    void writeIsRefused() {
        RawHttp.Answer write = sameOrigin.write(JolokiaCalls.CONTEXT, "Tracing", true);
        assertEquals(403, JolokiaCalls.status(write), write.body());
        assertFalse(JolokiaCalls.value(sameOrigin.read(JolokiaCalls.CONTEXT, "Tracing")).asBoolean());
    }

    @Test
    void aForeignOriginGetsNoCorsAllowanceAndItsRequestIsRefused() {
        RawHttp.Answer read = new JolokiaCalls(JOLOKIA_PORT, Map.of("Origin", FOREIGN_ORIGIN))
                .read(JolokiaCalls.route("bars"), "State");
        assertEquals(403, read.status(), read.body());
        assertNull(read.header("Access-Control-Allow-Origin"), read.headers().toString());
        assertNull(read.header("Access-Control-Allow-Credentials"), read.headers().toString());

        RawHttp.Answer get = RawHttp.get(JOLOKIA_PORT, "/jolokia/version", Map.of("Origin", FOREIGN_ORIGIN));
        assertEquals(403, get.status(), get.body());
        assertNull(get.header("Access-Control-Allow-Origin"), get.headers().toString());

        // a page's fetch() with a JSON body first sends a preflight
        RawHttp.Answer preflight = RawHttp.send(JOLOKIA_PORT, "OPTIONS", "/jolokia/",
                Map.of("Origin", FOREIGN_ORIGIN, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type"), Duration.ofSeconds(30));
        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.headers().toString());
        assertNull(preflight.header("Access-Control-Allow-Credentials"), preflight.headers().toString());
    }

    @Test
    void aPageOfAnotherOriginInChromiumCanNeitherReadNorExec() throws Exception {
        Browser.assumeInstalled();
        Path written = DATA.resolve("browser");
        String jolokia = "http://127.0.0.1:" + JOLOKIA_PORT + "/jolokia/";
        String exec = jolokia + JolokiaCalls.path("exec/" + JolokiaCalls.CONTEXT
                + "/sendStringBody(java.lang.String,java.lang.String)"
                + "/file:target!/test-data!/jolokia-access!/browser/x");
        ChromeDriver browser = Browser.open(Path.of("target/chrome-jolokia"), 800, 600);
        try (ForeignPage page = ForeignPage.serve(FOREIGN_PAGE_PORT, "<html><body>elsewhere</body></html>")) {
            browser.get(page.url());
            // what the page did: fetch() with credentials, a POST without preflight, an image URL
            Object outcome = browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const [jolokia, exec, read] = [arguments[0], arguments[1], arguments[2]];
                    const outcome = {};
                    const attempt = async (name, call) => {
                        try { outcome[name] = await (await call()).text(); }
                        catch (e) { outcome[name] = 'failed: ' + e.name; }
                    };
                    (async () => {
                        await attempt('read', () => fetch(jolokia, {method: 'POST', credentials: 'include',
                                headers: {'Content-Type': 'text/plain'}, body: read}));
                        await attempt('exec', () => fetch(exec, {credentials: 'include'}));
                        await new Promise(resolve => {
                            const img = new Image();
                            img.onload = img.onerror = resolve;
                            img.src = exec;
                        });
                        done(JSON.stringify(outcome));
                    })();
                    """, jolokia, exec, "{\"type\":\"read\",\"mbean\":\"" + JolokiaCalls.route("bars")
                    .replace("\"", "\\\"") + "\",\"attribute\":\"State\"}");
            assertEquals("{\"read\":\"failed: TypeError\",\"exec\":\"failed: TypeError\"}", outcome,
                    "the page read Jolokia's answers");
        } finally {
            browser.quit();
        }
        assertFalse(Files.exists(written), "the page's requests wrote into " + written);
    }

    @Test
    void aForeignHostHeaderIsRefused() {
        // DNS rebinding: a page of attacker.example, its name now resolving to 127.0.0.1, reads "its own" server
        RawHttp.Answer read = RawHttp.get(JOLOKIA_PORT, BARS_STATE,
                Map.of("Host", "attacker.example:" + JOLOKIA_PORT));
        assertEquals(403, read.status(), read.body());
        for (String host : new String[] {"127.0.0.1", "localhost", "LOCALHOST"}) {
            RawHttp.Answer own = RawHttp.get(JOLOKIA_PORT, "/jolokia/version",
                    Map.of("Host", host + ":" + JOLOKIA_PORT));
            assertEquals(200, JolokiaCalls.status(own), host + ": " + own.body());
        }
    }

    @Test
    void aClientStuckInItsRequestDoesNotHoldUpTheOthers() throws Exception {
        byte[] halfRequestLine = "GET /jolokia/vers".getBytes(StandardCharsets.US_ASCII);
        // the start of a TLS ClientHello: Hawtio's connect form left on https, or openssl s_client
        byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        try (Socket half = RawHttp.hold(JOLOKIA_PORT, halfRequestLine);
                Socket tls = RawHttp.hold(JOLOKIA_PORT, clientHello)) {
            RawHttp.Answer version = RawHttp.send(JOLOKIA_PORT, "GET", "/jolokia/version", Map.of(),
                    Duration.ofSeconds(10));
            assertEquals(200, JolokiaCalls.status(version), version.body());
        }
    }

    @Test
    void aClientThatNeverFinishesItsRequestIsDisconnected() throws Exception {
        try (Socket half = RawHttp.hold(JOLOKIA_PORT, "GET /jolokia/vers".getBytes(StandardCharsets.US_ASCII))) {
            // caravan's sun.net.httpserver.maxReqTime (10 s) plus the JDK server's 1 s timer
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> RawHttp.closedByServer(half));
        }
    }
}
