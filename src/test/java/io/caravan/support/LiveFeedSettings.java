package io.caravan.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration the live feed tests share: the built-in simulator on a port of the test's own at 20 trades/s,
 * short wall-clock bars (1s and 5s, 300 ms grace) so bars close within seconds, CSV bars in a fresh data dir. A test
 * adds its feeds and symbols, and may override any of these.
 */
public final class LiveFeedSettings {

    private LiveFeedSettings() {
    }

    /** Empties {@code dataDir}; {@code own} entries win over the shared ones. */
    public static Map<String, String> against(int simulatorPort, Path dataDir, Map<String, String> own) {
        Await.deleteTree(dataDir);
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.simulator.port", String.valueOf(simulatorPort));
        config.put("caravan.simulator.trades-per-second", "20");
        config.put("caravan.intervals", "1s,5s");
        config.put("caravan.bars.grace", "300ms");
        config.put("caravan.bars.clock", "wall");
        config.put("caravan.data-dir", dataDir.toString());
        config.put("caravan.sinks", "csv");
        config.putAll(own);
        return config;
    }
}
