package io.caravan.support;

import java.nio.file.Path;
import java.util.List;

/** The JVM options caravan is launched with everywhere (README, bench/run, docker-compose.yml and the *IT tests). */
public final class JarLaunch {

    /** An OutOfMemoryError ends the process at once instead of leaving it up and broken. */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+ExitOnOutOfMemoryError");

    private JarLaunch() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
