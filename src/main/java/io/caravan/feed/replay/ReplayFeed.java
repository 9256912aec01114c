package io.caravan.feed.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarClock;
import io.caravan.sink.SinkDrain;
import io.caravan.tick.DeadLetters;
import io.caravan.tick.RawTrade;
import io.caravan.tick.Refusals;
import io.caravan.tick.TickRejectedException;
import io.quarkus.runtime.Quarkus;

/**
 * The replay feed behind routes/replay.yaml: opens {@code caravan.replay.file}, paces it at
 * {@code caravan.replay.speed}, logs progress, and at the end flushes every open bar to every sink and, when
 * {@code caravan.replay.exit-when-done}, exits (0, or 1 when the file could not be read).
 */
@ApplicationScoped
@Named("replayFeed")
public class ReplayFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayFeed.class);
    static final long PROGRESS_EVERY_MS = 5_000;
    public static final String SUMMARY_FILE = "replay-summary.json";
    static final int MAX_SPEED_CHUNK = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaravanConfig config;
    private final ReplayDecoder decoder;
    private final BarClock clock;
    private final SinkDrain sinks;
    private final DeadLetters deadLetters;
    private final ReplayPace pace;
    private final Refusals refusals;

    private ReplayFile file;
    private boolean failed;
    private long startedNanos;
    private long trades;
    private long lastProgressLog;

    public ReplayFeed(CaravanConfig config, ReplayDecoder decoder, BarClock clock, SinkDrain sinks, DeadLetters deadLetters,
            Refusals refusals) {
        this.refusals = refusals;
        this.config = config;
        this.decoder = decoder;
        this.clock = clock;
        this.sinks = sinks;
        this.deadLetters = deadLetters;
        this.pace = new ReplayPace(ReplayPace.parseSpeed(config.replay().speed()));
    }

    public synchronized Iterator<String> open() {
        String name = config.replay().file().orElse("");
        startedNanos = System.nanoTime();
        lastProgressLog = System.currentTimeMillis();
        try {
            Files.deleteIfExists(Path.of(config.dataDir()).resolve(SUMMARY_FILE));
            if (name.isBlank()) {
                throw new IOException("caravan.replay.file is not set");
            }
            file = new ReplayFile(Path.of(name));
            LOG.info("Replaying {} ({}) at speed {}", file.path(), file.format().isCsv() ? "CSV" : "recorded frames",
                    config.replay().speed());
            return file;
        } catch (IOException | IllegalArgumentException e) {
            failed = true;
            LOG.error("Cannot replay: {}", e.getMessage());
            return Collections.emptyIterator();
        }
    }

    /**
     * The file in chunks of lines: up to {@link #MAX_SPEED_CHUNK} at max speed (one exchange per chunk, not per
     * trade), one line at a time when paced, so no trade waits for a chunk to fill.
     */
    public Iterator<List<String>> openChunks() {
        Iterator<String> lines = open();
        int chunk = pace.isMaxSpeed() ? MAX_SPEED_CHUNK : 1;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public List<String> next() {
                List<String> next = new ArrayList<>(chunk);
                while (next.size() < chunk && lines.hasNext()) {
                    next.add(lines.next());
                }
                return next;
            }
        };
    }

    /** A chunk's trades in file order; a line that does not decode goes to the dead letter on its own. */
    public List<RawTrade> decodeAll(List<String> lines, Exchange chunk) throws InterruptedException {
        List<RawTrade> trades = new ArrayList<>();
        for (String line : lines) {
            try {
                trades.addAll(decode(line));
            } catch (TickRejectedException e) {
                refusals.send(chunk, line, null, e);
            }
        }
        return trades;
    }

    public List<RawTrade> decode(String line) throws InterruptedException {
        ReplayLine decoded = decoder.decode(line, file.format());
        pace(decoded.paceTime());
        trades += decoded.trades().size();
        long now = System.currentTimeMillis();
        if (now - lastProgressLog >= PROGRESS_EVERY_MS) {
            lastProgressLog = now;
            LOG.info("Replay {}: {} lines, {} trades, {} trades/s", percent(file.progress()), file.linesRead(), trades,
                    Math.round(trades / elapsedSeconds()));
        }
        return decoded.trades();
    }

    private void pace(long paceTime) throws InterruptedException {
        if (paceTime != Long.MIN_VALUE) {
            pace.awaitDue(paceTime);
            pace.advance(paceTime);
        }
    }

    public synchronized void finish() throws Exception {
        if (file != null) {
            file.close();
        }
        long flushStarted = System.nanoTime();
        int flushed = clock.flush();
        boolean drained = sinks.awaitDrained(Duration.ofMinutes(2));
        double flushSeconds = (System.nanoTime() - flushStarted) / 1e9;
        double seconds = elapsedSeconds();
        LOG.info("Replay done: {} trades in {} s ({} trades/s), {} open bars flushed, rejected {}{}", trades,
                String.format(Locale.ROOT, "%.1f", seconds), Math.round(trades / seconds), flushed,
                deadLetters.counts(), drained ? "" : " (sinks still busy after 2 minutes)");
        writeSummary(Map.of("file", file == null ? "" : file.path().toString(), "ok", !failed && drained,
                "lines", file == null ? 0 : file.linesRead(), "trades", trades, "seconds", seconds,
                "rejected", deadLetters.counts(), "flushed", flushed, "flushSeconds", flushSeconds));
        if (config.replay().exitWhenDone()) {
            Quarkus.asyncExit(failed || !drained ? 1 : 0);
        }
    }

    /**
     * {@code <data-dir>/replay-summary.json}, written when a replay has finished and every bar is in the sinks:
     * what scripts around a batch replay (and the tests) wait for. {@code flushSeconds}: from the end of input until
     * every flushed bar was in every sink (the benchmark's boundary burst).
     */
    private void writeSummary(Map<String, Object> summary) throws IOException {
        Path target = Path.of(config.dataDir()).resolve(SUMMARY_FILE);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(SUMMARY_FILE + ".tmp");
        Files.writeString(partial, JSON.writeValueAsString(summary));
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private double elapsedSeconds() {
        return Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
