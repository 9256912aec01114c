package io.caravan.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An editor's save is several file events; the watcher reports the file once, after it has been quiet. */
class FileWatcherTest {

    @Test
    void manyWritesInQuickSuccessionAreReportedOnce(@TempDir Path dir) throws Exception {
        List<Path> reports = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("a.yaml");
        try (FileWatcher watcher = new FileWatcher(List.of(dir), RouteFiles::isRouteFile, Duration.ofMillis(300),
                reports::add)) {
            for (int i = 0; i < 5; i++) {
                Files.writeString(file, "version " + i);
                Thread.sleep(50);
            }
            Files.writeString(dir.resolve(".a.yaml.swp"), "an editor's own file");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
            Thread.sleep(600);
            assertEquals(List.of(file), reports);

            Files.delete(file);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 2);
            assertEquals(file, reports.get(1), "a removed file is reported too");
        }
    }
}
