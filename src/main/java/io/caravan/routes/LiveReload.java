package io.caravan.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.sink.SinkUriReloader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Live reload, wired: before the feeds start, the routes Camel loaded from {@code routes/} are adopted and the files
 * of {@code caravan.routes.dir} are loaded; after the feeds have started, the route directories and the configuration
 * files ({@code quarkus.config.locations}, the top-level application.properties) are watched. A changed route file
 * goes to the {@link RouteFileReloader}, a changed configuration file to the {@link SinkUriReloader}.
 */
@ApplicationScoped
public class LiveReload {

    /** The top-level folder Camel loads at startup ({@code camel.main.routes-include-pattern}). */
    static final Path ROUTES = Path.of("routes");

    private static final Logger LOG = LoggerFactory.getLogger(LiveReload.class);

    private final CaravanConfig config;
    private final RouteFileReloader routes;
    private final SinkUriReloader sinkUris;
    private FileWatcher watcher;

    public LiveReload(CaravanConfig config, RouteFileReloader routes, SinkUriReloader sinkUris) {
        this.config = config;
        this.routes = routes;
        this.sinkUris = sinkUris;
    }

    // before FeedStarter (default priority): a feed route may live in caravan.routes.dir
    void loadRoutes(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) throws Exception {
        routes.adoptLoadedRoutes();
        for (Path dir : extraDirs()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(RouteFiles::isRouteFile).sorted().toList()) {
                    try {
                        routes.load(file);
                    } catch (RouteFileException e) {
                        throw new IllegalStateException("caravan.routes.dir: " + e.describe(), e);
                    }
                }
            }
        }
    }

    // after FeedStarter: the feeds' routes exist and run before anything can replace them
    void watch(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (!config.routes().reload()) {
            LOG.info("Live reload is off (caravan.routes.reload=false)");
            return;
        }
        Set<Path> routeDirs = routeDirs();
        Set<Path> configFiles = configFiles();
        configFiles.forEach(sinkUris::remember);
        Set<Path> dirs = new LinkedHashSet<>(routeDirs);
        configFiles.forEach(f -> dirs.add(f.getParent()));
        if (dirs.isEmpty()) {
            return;
        }
        watcher = new FileWatcher(dirs, file -> configFiles.contains(file)
                || routeDirs.contains(file.getParent()) && RouteFiles.isRouteFile(file),
                config.routes().reloadDelay(), file -> {
                    if (configFiles.contains(file)) {
                        sinkUris.reload(file);
                    } else {
                        routes.reload(file);
                    }
                });
        LOG.info("Live reload: watching route files in {} and user sink URIs in {}", routeDirs, configFiles);
    }

    void stop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
    }

    private Set<Path> routeDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        if (Files.isDirectory(ROUTES)) {
            dirs.add(RouteFiles.normalize(ROUTES));
        }
        dirs.addAll(extraDirs());
        return dirs;
    }

    private List<Path> extraDirs() {
        return config.routes().dir().map(d -> RouteFiles.normalize(Path.of(d)))
                .filter(d -> !d.equals(RouteFiles.normalize(ROUTES)))
                .map(d -> {
                    if (!Files.isDirectory(d)) {
                        throw new IllegalArgumentException("caravan.routes.dir: " + d + " is not a directory");
                    }
                    return d;
                }).stream().toList();
    }

    /** The configuration files read from the file system ({@code quarkus.config.locations}). */
    private static Set<Path> configFiles() {
        Set<Path> files = new LinkedHashSet<>();
        for (String location : ConfigProvider.getConfig().getOptionalValues("quarkus.config.locations", String.class)
                .orElse(List.of())) {
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            if (path.contains(":")) {
                continue; // classpath:, jar:, http: are not files we can watch
            }
            Path file = RouteFiles.normalize(Path.of(path));
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }
}
