package io.caravan.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.camel.spi.Resource;

/** Naming and reading route files: one absolute path per file, however Camel or the watcher spelled it. */
final class RouteFiles {

    private RouteFiles() {
    }

    /** {@code *.yaml}, as {@code camel.main.routes-include-pattern} loads at startup; not an editor's hidden file. */
    static boolean isRouteFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") && !name.startsWith(".");
    }

    static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** The file a Camel resource was loaded from ({@code file:routes/x.yaml}), or null when not a file. */
    static Path of(Resource resource) {
        if (resource == null || resource.getLocation() == null) {
            return null;
        }
        String location = resource.getLocation();
        if (location.startsWith("file:")) {
            return normalize(Path.of(location.substring("file:".length())));
        }
        return null;
    }

    static String location(Path file) {
        return "file:" + file;
    }

    /** The file's text, or null when it does not exist (removed). */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
