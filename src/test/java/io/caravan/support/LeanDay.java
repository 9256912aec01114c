package io.caravan.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
