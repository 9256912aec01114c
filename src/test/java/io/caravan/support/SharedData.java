package io.caravan.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The recorded market data beside the project (../shared/data); tests skip where it is absent. */
public final class SharedData {

    public static final Path ROOT = Path.of("..", "shared", "data");

    private SharedData() {
    }

    public static boolean present(String relative) {
        return Files.isRegularFile(ROOT.resolve(relative));
    }

    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(path), "recorded data absent: " + path);
        return path;
    }
}
