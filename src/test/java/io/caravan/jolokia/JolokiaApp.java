package io.caravan.jolokia;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.caravan.support.Await;

/** The caravan the Jolokia tests run: the simulator's feed of AAPL into 1s CSV bars, and Jolokia on its own port. */
final class JolokiaApp {

    private JolokiaApp() {
    }

    /** Empties {@code data}; a test adds its own Jolokia settings to what this returns. */
    static Map<String, String> settings(Path data, int simulatorPort, int jolokiaPort) {
        Await.deleteTree(data);
        Map<String, String> config = new HashMap<>();
        config.put("caravan.feeds", "simulator");
        config.put("caravan.simulator.port", Integer.toString(simulatorPort));
        config.put("caravan.symbols", "AAPL");
        config.put("caravan.intervals", "1s");
        config.put("caravan.data-dir", data.toString());
        config.put("caravan.sinks", "csv");
        config.put("quarkus.camel.jolokia.enabled", "true");
        config.put("quarkus.camel.jolokia.server.port", Integer.toString(jolokiaPort));
        return config;
    }
}
