package io.caravan.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The opt-in policy for Hawtio's route start/stop buttons: with it and credentials, a route's start and stop work
 * for a client that sends them, and nothing else beyond reads is allowed.
 */
@QuarkusTest
@TestProfile(JolokiaRouteControlTest.Profile.class)
class JolokiaRouteControlTest {

    static final int JOLOKIA_PORT = 18772;
    static final int SIMULATOR_PORT = 18776;
    static final Path DATA = Path.of("target/test-data/jolokia-route-control");
    static final String PASSWORD = "route-control-test";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = JolokiaApp.settings(DATA, SIMULATOR_PORT, JOLOKIA_PORT);
            config.put("quarkus.camel.jolokia.additional-properties.policyLocation",
                    "classpath:/jolokia-access-route-control.xml");
            config.put("quarkus.camel.jolokia.additional-properties.user", "hawtio");
            config.put("quarkus.camel.jolokia.additional-properties.password", PASSWORD);
            return config;
        }
    }

    final JolokiaCalls anonymous = new JolokiaCalls(JOLOKIA_PORT, Map.of());
    final JolokiaCalls wrongPassword = new JolokiaCalls(JOLOKIA_PORT,
            Map.of("Authorization", RawHttp.basic("hawtio", "guessed")));
    final JolokiaCalls hawtio = new JolokiaCalls(JOLOKIA_PORT,
            Map.of("Authorization", RawHttp.basic("hawtio", PASSWORD)));

    @Test
    void aRouteStopsAndStartsOnlyWithCredentials() {
        String route = JolokiaCalls.route("sink-csv");
        assertEquals(401, anonymous.exec(route, "stop()").status());
        assertEquals(401, wrongPassword.exec(route, "stop()").status());
        assertEquals("Started", state(route));

        RawHttp.Answer stop = hawtio.exec(route, "stop()");
        assertEquals(200, JolokiaCalls.status(stop), stop.body());
        assertEquals("Stopped", state(route));
        RawHttp.Answer start = hawtio.exec(route, "start()");
        assertEquals(200, JolokiaCalls.status(start), start.body());
        assertEquals("Started", state(route));
    }

    @Test
    void nothingElseBeyondReadsIsAllowedEvenWithCredentials() {
        RawHttp.Answer send = hawtio.exec(JolokiaCalls.CONTEXT, "sendStringBody(java.lang.String,java.lang.String)",
                "file:" + DATA.resolve("exec") + "?fileName=written.txt", "written through Jolokia");
        assertEquals(403, JolokiaCalls.status(send), send.body());
        assertFalse(Files.exists(DATA.resolve("exec")), "sendStringBody wrote into " + DATA.resolve("exec"));

        RawHttp.Answer stopContext = hawtio.exec(JolokiaCalls.CONTEXT, "stop()");
        assertEquals(403, JolokiaCalls.status(stopContext), stopContext.body());

        RawHttp.Answer write = hawtio.write(JolokiaCalls.CONTEXT, "Tracing", true);
        assertEquals(403, JolokiaCalls.status(write), write.body());
    }

    @Test
    void theAgentsConfigPathIsNoWayAroundTheCredentials() {
        // Jolokia 2.4 serves /jolokia/config with the same handler as /jolokia, on a context without authentication
        RawHttp.Answer stop = RawHttp.post(JOLOKIA_PORT, "/jolokia/config/", Map.of(),
                "{\"type\":\"exec\",\"mbean\":\"" + JolokiaCalls.route("sink-csv").replace("\"", "\\\"")
                        + "\",\"operation\":\"stop()\"}");
        assertEquals(403, JolokiaCalls.status(stop), stop.body());
        assertEquals("Started", state(JolokiaCalls.route("sink-csv")));
        RawHttp.Answer read = RawHttp.get(JOLOKIA_PORT, "/jolokia/config/read/java.lang:type=Memory/HeapMemoryUsage",
                Map.of());
        assertEquals(403, JolokiaCalls.status(read), read.body());
    }

    private String state(String route) {
        return JolokiaCalls.value(hawtio.read(route, "State")).asText();
    }
}
