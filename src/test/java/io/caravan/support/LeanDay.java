package io.caravan.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fixture most end-to-end tests share: AIG and BAC trades of 2013-10-07 as a replay CSV. */
public final class LeanDay {

    public static final List<String> SYMBOLS = List.of("AIG", "BAC");
    public static final String DAY = "20131007";

    private LeanDay() {
    }

    public static List<TestTrade> trades() {
        SharedData.require(LeanTicks.file(SYMBOLS.get(0), DAY));
        return LeanTicks.read(SYMBOLS, List.of(DAY));
    }

    /** Writes the replay CSV once (when the recorded data is there) and returns its path. */
    public static Path csv(Path file) {
        if (SharedData.present(LeanTicks.file(SYMBOLS.get(0), DAY)) && !Files.exists(file)) {
            LeanTicks.writeReplayCsv(LeanTicks.read(SYMBOLS, List.of(DAY)), file);
        }
        return file;
    }

    /**
     * What a replay test of this day sets: the replay feed over {@link #csv}({@code input}), the day's symbols, the
     * test's own data directory and its sinks. Mutable: the test adds its own settings.
     */
    public static Map<String, String> replayConfig(Path input, Path dataDir, String sinks) {
        Map<String, String> config = new TreeMap<>();
        config.put("caravan.feeds", "replay");
        config.put("caravan.replay.file", csv(input).toString());
        config.put("caravan.data-dir", dataDir.toString());
        config.put("caravan.symbols", String.join(",", SYMBOLS));
        config.put("caravan.sinks", sinks);
        return config;
    }
}
