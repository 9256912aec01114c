package io.caravan.fuzz;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Configuration every fuzz run shares: 1-minute bars on the wall clock with a grace longer than the run. */
final class FuzzConfig {

    /** The one interval of the runs: the bars the oracle sums. */
    static final String INTERVAL = "1m";

    private FuzzConfig() {
    }

    /**
     * The wall clock and a 30-minute grace: a hostile trade that is valid but far in time (a day ahead, a year back)
     * neither closes the valid trades' bar nor makes them late; only what the input says is judged.
     */
    static Map<String, String> common(Path dataDir, String sinks) {
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.data-dir", dataDir.toString());
        config.put("caravan.sinks", sinks);
        config.put("caravan.intervals", INTERVAL);
        config.put("caravan.bars.clock", "wall");
        config.put("caravan.bars.grace", "30m");
        config.put("caravan.gap-fill.enabled", "false");
        config.put("caravan.gap-fill.backfill", "false");
        return config;
    }

    static Map<String, String> replay(Path dataDir, Path input, String sinks) {
        Map<String, String> config = common(dataDir, sinks);
        config.put("caravan.feeds", "replay");
        config.put("caravan.replay.file", input.toString());
        config.put("caravan.replay.speed", "max");
        return config;
    }
}
