package io.caravan.feed.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;

/**
 * Records every raw frame a live feed receives as a line {@code <epoch-ns> <frame>}, the format the replay feed
 * reads, in {@code <caravan.record.dir>/<feed>/<feed>-<yyyy-MM-dd>.frames.gz} (UTC receive date: one file a day).
 * Frames are buffered and written every {@code caravan.record.flush-interval} as one complete gzip member appended
 * to the file, so a file is readable at any time, even while caravan runs or after it crashed.
 */
@ApplicationScoped
@Named("frameRecorder")
public class FrameRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRecorder.class);

    private final Optional<Path> dir;
    private final Map<Path, StringBuilder> pending = new LinkedHashMap<>();

    public FrameRecorder(CaravanConfig config) {
        this.dir = config.record().dir().map(Path::of);
    }

    public boolean enabled() {
        return dir.isPresent();
    }

    /** Called by a feed route with each frame; the exchange is left as it was. */
    public void record(Exchange exchange) {
        if (dir.isEmpty()) {
            return;
        }
        String frame = exchange.getMessage().getBody(String.class);
        if (frame == null) {
            return;
        }
        String route = exchange.getFromRouteId();
        String feed = route != null && route.startsWith("feed-") ? route.substring("feed-".length()) : "feed";
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Path file = dir.get().resolve(feed)
                .resolve(feed + "-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".frames.gz");
        // a frame is one line: JSON allows a space wherever it allows a line break
        String line = nanos + " " + frame.replace('\n', ' ').replace('\r', ' ') + "\n";
        synchronized (pending) {
            pending.computeIfAbsent(file, f -> new StringBuilder()).append(line);
        }
    }

    /** Writes what is buffered; called on a timer and at shutdown. */
    public void flush() {
        List<Map.Entry<Path, StringBuilder>> batches;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batches = new ArrayList<>(pending.entrySet());
            pending.clear();
        }
        for (Map.Entry<Path, StringBuilder> batch : batches) {
            try {
                append(batch.getKey(), batch.getValue());
            } catch (IOException e) {
                // keep the frames for the next flush rather than lose them
                synchronized (pending) {
                    pending.merge(batch.getKey(), batch.getValue(), (newer, older) -> older.append(newer));
                }
                LOG.warn("Cannot write recording {}: {}", batch.getKey(), e.toString());
            }
        }
    }

    private static void append(Path file, CharSequence lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @PreDestroy
    void close() {
        flush();
    }
}
