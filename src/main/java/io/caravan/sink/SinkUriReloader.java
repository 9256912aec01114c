package io.caravan.sink;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an edited {@code caravan.sink.<name>.uri} of a running user sink: the file is read as written (Camel
 * expressions and {{env:..}} placeholders stay for Camel), the new URI is resolved as an endpoint first, and only then
 * does the sink switch to it, from its next bar on; its queue and route keep running. A URI that does not resolve is
 * refused with one log line and the sink keeps its old endpoint. A URI that a system property or environment variable
 * sets is not the file's to change. Every other property edited in the file is named in a warning: it takes effect
 * on restart.
 */
@ApplicationScoped
public class SinkUriReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SinkUriReloader.class);

    private final CamelContext context;
    private final UserSinkUris uris;
    private final Map<Path, Properties> lastSeen = new ConcurrentHashMap<>();

    public SinkUriReloader(CamelContext context, UserSinkUris uris) {
        this.context = context;
        this.uris = uris;
    }

    /** Remembers the file as it was at startup, to tell later which of its properties changed. */
    public void remember(Path file) {
        Properties now = read(file);
        if (now != null) {
            lastSeen.put(file, now);
        }
    }

    public synchronized void reload(Path file) {
        Properties now = read(file);
        if (now == null) {
            return;
        }
        Properties before = lastSeen.getOrDefault(file, new Properties());
        lastSeen.put(file, now);
        Set<String> needRestart = new TreeSet<>();
        for (String key : changedKeys(before, now)) {
            String sink = userSinkOf(key);
            if (sink == null) {
                needRestart.add(key);
            } else if (!isFromFile(key, file)) {
                LOG.warn("{}: {} changed in the file, but a system property or environment variable sets it; "
                        + "sink {} keeps writing to {}", file, key, sink, safe(uris.of(sink)));
            } else {
                apply(file, sink, now.getProperty(key));
            }
        }
        if (!needRestart.isEmpty()) {
            LOG.warn("{} changed {}: these take effect when caravan restarts", file, needRestart);
        }
    }

    private void apply(Path file, String sink, String written) {
        String old = uris.of(sink);
        if (written == null || written.isBlank()) {
            LOG.warn("{}: caravan.sink.{}.uri was removed; sink {} keeps writing to {} (removing a sink needs a "
                    + "restart)", file, sink, sink, safe(old));
            return;
        }
        String uri = written.trim();
        if (uri.equals(old)) {
            return;
        }
        try {
            if (context.getEndpoint(uri) == null) {
                throw new IllegalArgumentException("no endpoint for this URI");
            }
        } catch (RuntimeException e) {
            LOG.error("{}: caravan.sink.{}.uri={} rejected, sink {} keeps writing to {}: {}", file, sink, safe(uri),
                    sink, safe(old), rootMessage(e));
            return;
        }
        uris.set(sink, uri);
        LOG.info("Sink {} now writes to {} (was {})", sink, safe(uri), safe(old));
    }

    /** A sink URI can carry credentials in its query; logs get Camel's sanitised form. */
    private static String safe(String uri) {
        return URISupport.sanitizeUri(uri);
    }

    private String userSinkOf(String key) {
        if (key.startsWith("caravan.sink.") && key.endsWith(".uri")) {
            String sink = key.substring("caravan.sink.".length(), key.length() - ".uri".length());
            return uris.names().contains(sink) ? sink : null;
        }
        return null;
    }

    private static boolean isFromFile(String key, Path file) {
        String source = ConfigProvider.getConfig().getConfigValue(key).getSourceName();
        return source != null && source.contains(file.toUri().getPath());
    }

    private static Set<String> changedKeys(Properties before, Properties now) {
        Set<String> keys = new TreeSet<>(before.stringPropertyNames());
        keys.addAll(now.stringPropertyNames());
        keys.removeIf(k -> Objects.equals(before.getProperty(k), now.getProperty(k)));
        return keys;
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("{} cannot be read, nothing applied: {}", file, e.getMessage());
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName())
                .replaceAll("\\s*\\R\\s*", " ");
    }
}
