package io.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.support.Http;
import io.caravan.support.LiveFeedSettings;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A live service whose bar engine dies of an Error (injected on the bar-closing thread with
 * {@code caravan.faults.engine-error-at-close}) says so where an operator and an orchestrator look: {@code /q/health}
 * and {@code /q/health/live} answer 503 with the {@code run} check DOWN, naming the thread and the cause, so a
 * liveness probe restarts it instead of leaving a feed connected to an engine that no longer closes bars.
 */
@QuarkusTest
@TestProfile(LiveRunFailureTest.Profile.class)
class LiveRunFailureTest {

    static final int SIMULATOR_PORT = 18821;
    static final Path DATA = Path.of("target/test-data/live-run-failure");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LiveFeedSettings.against(SIMULATOR_PORT, DATA, Map.of("caravan.feeds", "simulator",
                    "caravan.symbols", "AAA", "caravan.faults.engine-error-at-close", "3"));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void anErrorThatEndsTheRunTurnsHealthAndLivenessDownOverHttp() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(base + "q/health").status() == 503);
        for (String path : new String[] {"q/health", "q/health/live"}) {
            Http.Answer answer = Http.get(base + path);
            assertEquals(503, answer.status(), path);
            assertEquals("DOWN", answer.body().get("status").asText(), path);
            JsonNode run = check(answer.body(), RunFailureHealthCheck.NAME);
            assertEquals("DOWN", run.get("status").asText(), path + ": " + run);
            String failure = run.get("data").get("failure").asText();
            assertTrue(failure.startsWith("thread bar-closer: java.lang.InternalError: injected by "
                    + "caravan.faults.engine-error-at-close"), path + ": " + failure);
        }
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
