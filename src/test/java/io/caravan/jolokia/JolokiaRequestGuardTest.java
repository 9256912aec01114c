package io.caravan.jolokia;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jolokia.server.core.config.StaticConfiguration;
import org.junit.jupiter.api.Test;

/** The guard's rules on their own: which Host and Origin headers pass, and when credentials are required. */
class JolokiaRequestGuardTest {

    static final JolokiaCallers LOOPBACK_ONLY = JolokiaCallers.of(Optional.of("127.0.0.1"), 8778, List.of(),
            List.of("http://127.0.0.1:8090"));

    @Test
    void aPolicyBeyondReadsIsRefusedWithoutCredentials() {
        StaticConfiguration routeControl = new StaticConfiguration(
                Map.of("policyLocation", "classpath:/jolokia-access-route-control.xml"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new JolokiaRequestGuard(routeControl, LOOPBACK_ONLY));
        assertTrue(refused.getMessage().contains("user and .password"), refused.getMessage());

        assertDoesNotThrow(() -> new JolokiaRequestGuard(new StaticConfiguration(
                Map.of("policyLocation", "classpath:/jolokia-access-route-control.xml", "user", "hawtio",
                        "password", "secret")), LOOPBACK_ONLY));
        assertDoesNotThrow(() -> new JolokiaRequestGuard(new StaticConfiguration(Map.of()), LOOPBACK_ONLY));
        assertThrows(IllegalArgumentException.class, () -> new JolokiaRequestGuard(
                new StaticConfiguration(Map.of("user", "hawtio")), LOOPBACK_ONLY));
    }

    @Test
    void loopbackNamesPassInAnyCaseWithOrWithoutAPort() {
        for (String host : List.of("127.0.0.1:8778", "localhost", "LocalHost:8778", "[::1]:8778", "[::1]")) {
            assertTrue(LOOPBACK_ONLY.hostAllowed(host), host);
        }
        for (String host : List.of("attacker.example:8778", "127.0.0.1.attacker.example", "localhost.", "0.0.0.0",
                "[::2]:8778", "")) {
            assertFalse(LOOPBACK_ONLY.hostAllowed(host), host);
        }
    }

    @Test
    void theAgentsOwnOriginAndTheConfiguredOnesPass() {
        for (String origin : List.of("http://127.0.0.1:8778", "http://LOCALHOST:8778", "http://127.0.0.1:8090",
                "https://localhost:8778")) {
            assertTrue(LOOPBACK_ONLY.originAllowed(origin), origin);
        }
        for (String origin : List.of("http://127.0.0.1:8091", "http://attacker.example:8778", "null",
                "http://127.0.0.1", "file://", "http://127.0.0.1:8778.attacker.example")) {
            assertFalse(LOOPBACK_ONLY.originAllowed(origin), origin);
        }
    }

    @Test
    void anAgentOnEveryInterfaceAddsNoHostOfItsOwnButConfiguredOnes() {
        JolokiaCallers everywhere = JolokiaCallers.of(Optional.of("0.0.0.0"), 8778, List.of("caravan.lan"), List.of());
        assertFalse(everywhere.hostAllowed("0.0.0.0:8778"));
        assertTrue(everywhere.hostAllowed("caravan.lan:8778"));
        assertTrue(everywhere.originAllowed("http://caravan.lan:8778"));
        assertFalse(everywhere.hostAllowed("attacker.example:8778"));
    }
}
