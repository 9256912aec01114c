package io.caravan.routes;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches directories and reports each changed, added or removed file once it has been quiet for the delay: an editor
 * saving a file fires several events (truncate, write, rename), and only the file as it ends up counts. Reports come
 * one at a time from a single thread, so whoever handles them never runs twice at once.
 */
final class FileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Predicate<Path> accept;
    private final Duration delay;
    private final Consumer<Path> onChange;
    private final Map<Path, ScheduledFuture<?>> pending = new HashMap<>();
    private final WatchService service;
    private final ScheduledExecutorService reporter;
    private final Thread thread;

    FileWatcher(Collection<Path> directories, Predicate<Path> accept, Duration delay, Consumer<Path> onChange) {
        this.accept = accept;
        this.delay = delay;
        this.onChange = onChange;
        try {
            this.service = directories.iterator().next().getFileSystem().newWatchService();
            for (Path dir : directories) {
                dirs.put(dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch " + directories, e);
        }
        this.reporter = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "caravan-reload"));
        this.thread = daemon(this::watch, "caravan-file-watcher");
        thread.start();
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.take();
                Path dir = dirs.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        everyFileIn(dir);
                    } else if (dir != null) {
                        report(dir.resolve((Path) event.context()));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Events were lost: every file of the directory is looked at again (unchanged ones are no-ops downstream). */
    private void everyFileIn(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(this::report);
        } catch (IOException e) {
            LOG.warn("Cannot list {} after lost file events: {}", dir, e.getMessage());
        }
    }

    private synchronized void report(Path file) {
        if (!accept.test(file)) {
            return;
        }
        ScheduledFuture<?> earlier = pending.remove(file);
        if (earlier != null) {
            earlier.cancel(false);
        }
        pending.put(file, reporter.schedule(() -> fire(file), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void fire(Path file) {
        try {
            onChange.accept(file);
        } catch (RuntimeException e) {
            LOG.error("Reload of {} failed: {}", file, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("Closing the file watcher", e);
        }
        reporter.shutdownNow();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
