package io.caravan.feed.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarClock;
import io.caravan.health.RunFailure;
import io.caravan.metrics.SinkMetrics;
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
    private final CamelContext camel;
    private final RunFailure runFailure;
    private final SinkMetrics sinkOutcomes;

    private volatile ReplayInput file;
    private volatile boolean stopping;
    private boolean failed;
    private long startedNanos;
    private long trades;
    private ReplayProgress progress = new ReplayProgress(System::nanoTime, PROGRESS_EVERY_MS * 1_000_000);

    public ReplayFeed(CaravanConfig config, ReplayDecoder decoder, BarClock clock, SinkDrain sinks, DeadLetters deadLetters,
            Refusals refusals, CamelContext camel, RunFailure runFailure,
            SinkMetrics sinkOutcomes) {
        this.runFailure = runFailure;
        this.refusals = refusals;
        this.camel = camel;
        this.sinkOutcomes = sinkOutcomes;
        this.config = config;
        this.decoder = decoder;
        this.clock = clock;
        this.sinks = sinks;
        this.deadLetters = deadLetters;
        this.pace = new ReplayPace(ReplayPace.parseSpeed(config.replay().speed()));
    }

    /**
     * Called by routes/replay.yaml: the replay runs on a thread of its own ({@value #THREAD_NAME}), with the file read
     * on another ({@value #READER_THREAD_NAME}) at most {@code caravan.replay.in-flight} chunks ahead.
     * <p>
     * Each chunk is one exchange sent to {@code direct:trades}, and the next is sent only when it has been through the
     * engine: the work between the file and the bars is bounded by the in-flight limit, not by the length of the
     * file. (Before, the whole file was one exchange split in a route; the engine's work for chunks piled up behind
     * the reader.)
     */
    public void start() {
        runFailure.onFailure(this::failedRun);
        Thread replay = new Thread(this::run, THREAD_NAME);
        replay.setDaemon(true);
        replay.start();
    }

    static final String THREAD_NAME = "replay";
    static final String READER_THREAD_NAME = "replay-reader";

    private void run() {
        ProducerTemplate producer = camel.createProducerTemplate();
        try (ReadAhead<List<String>> chunks = new ReadAhead<>(openChunks(), config.replay().inFlight(),
                READER_THREAD_NAME)) {
            while (!stopping && chunks.hasNext()) {
                List<String> lines = chunks.next();
                Exchange chunk = new DefaultExchange(camel);
                // dead-letter records name the feed by the route the exchange came from
                chunk.getExchangeExtension().setFromRouteId(ROUTE_ID);
                chunk.getMessage().setBody(decodeAll(lines, chunk));
                producer.send("direct:trades", chunk);
                if (chunk.getException() != null) {
                    // the ingest routes handle every Exception: what is left is an Error, the end of the run
                    Throwable error = RunFailure.errorIn(chunk.getException()).<Throwable>map(t -> t).orElse(chunk.getException());
                    runFailure.failed(Thread.currentThread(), error);
                    return;
                }
            }
            if (!stopping) {
                finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            runFailure.failed(Thread.currentThread(), e);
        } catch (Exception e) {
            failed = true;
            LOG.error("Replay failed: {}", e.toString(), e);
            try {
                finish();
            } catch (Exception again) {
                LOG.error("Replay summary not written: {}", again.toString());
            }
        } finally {
            try {
                producer.stop();
            } catch (Exception ignored) {
                // nothing to release
            }
        }
    }

    static final String ROUTE_ID = "feed-replay";
    /** From a failure to the exit: the summary is written first, then shutdown, and a halt if shutdown hangs. */
    static final long HALT_AFTER_MS = 3_000;

    /**
     * The run failed ({@link RunFailure}, on a thread of its own): the replay stops, its summary says so with what
     * every sink had written, and with {@code exit-when-done} the process exits 1 within seconds, whatever is stuck.
     */
    private void failedRun(String failure) {
        stopping = true;
        try {
            Map<String, Object> summary = summary(false, sinkOutcomes.outcomes());
            summary.put("failure", failure);
            writeSummary(summary);
        } catch (Throwable e) {
            LOG.error("Replay summary not written: {}", e.toString());
        }
        if (config.replay().exitWhenDone()) {
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MS);
                } catch (InterruptedException e) {
                    return;
                }
                LOG.error("Shutdown still running {} ms after the failure: halting", HALT_AFTER_MS);
                Runtime.getRuntime().halt(1);
            }, "replay-halt");
            halt.setDaemon(true);
            halt.start();
            Quarkus.asyncExit(1);
        }
    }


    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
    }

    /** Lines read from the file so far (the header and refused lines included). */
    public long linesRead() {
        ReplayInput reading = file;
        return reading == null ? 0 : reading.linesRead();
    }

    public synchronized Iterator<String> open() {
        String name = config.replay().file().orElse("");
        startedNanos = System.nanoTime();
        progress = new ReplayProgress(System::nanoTime, PROGRESS_EVERY_MS * 1_000_000);
        try {
            Files.deleteIfExists(Path.of(config.dataDir()).resolve(SUMMARY_FILE));
            if (name.isBlank()) {
                throw new IOException("caravan.replay.file is not set");
            }
            file = ReplayInputs.open(name, config.replay().maxLineLength());
            LOG.info("Replaying {} ({}) at speed {}", file.name(), file.format().isCsv() ? "CSV" : "recorded frames",
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

    /**
     * A chunk's trades in file order; a line that does not decode goes to the dead letter on its own, whatever the
     * codec threw (a refusal, or an unexpected exception: then an {@code error} record, and the summary is not ok).
     */
    public List<RawTrade> decodeAll(List<String> lines, Exchange chunk) throws InterruptedException {
        List<RawTrade> trades = new ArrayList<>();
        for (String line : lines) {
            try {
                trades.addAll(decode(line));
            } catch (TickRejectedException e) {
                refusals.send(chunk, line, null, e);
            } catch (RuntimeException e) {
                refusals.send(chunk, line, line, e);
            }
        }
        return trades;
    }

    public List<RawTrade> decode(String line) throws InterruptedException {
        ReplayLine decoded = decoder.decode(line, file.format());
        pace(decoded.paceTime());
        trades += decoded.trades().size();
        progress.due(file.progress(), file.linesRead(), trades).ifPresent(LOG::info);
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
        long errors = deadLetters.errors();
        Map<String, Map<String, Long>> perSink = sinkOutcomes.outcomes();
        long barsDeadLettered = perSink.values().stream().mapToLong(o -> o.get("deadLettered")).sum();
        boolean ok = ok(failed, drained, errors, barsDeadLettered);
        if (errors > 0) {
            LOG.error("Replay lost trades to {} unexpected error(s): see reason 'error' in the dead letter", errors);
        }
        if (barsDeadLettered > 0) {
            LOG.error("Replay: {} bar(s) not written by a sink, in the bar dead letter: {}", barsDeadLettered, perSink);
        }
        Map<String, Object> summary = summary(ok, perSink);
        summary.put("seconds", seconds);
        summary.put("errors", errors);
        summary.put("flushed", flushed);
        summary.put("flushSeconds", flushSeconds);
        writeSummary(summary);
        if (config.replay().exitWhenDone()) {
            Quarkus.asyncExit(ok ? 0 : 1);
        }
    }

    /**
     * Whether a replay did its job: the file was read, every bar reached the sinks and no trade was lost to an
     * unexpected exception ({@code error} records). Refusals by the validation rules (not a number, late, duplicate,
     * ...) are expected of real data: counted in {@code rejected}, they do not make a replay fail. A bar that reached
     * the bar dead letter (a sink refused it, or its queue was full) does.
     */
    static boolean ok(boolean failed, boolean drained, long errors, long barsDeadLettered) {
        return !failed && drained && errors == 0 && barsDeadLettered == 0;
    }

    /** What every summary says, finished or failed: the input, whether the run is ok, its counts, each sink's. */
    private Map<String, Object> summary(boolean ok, Map<String, Map<String, Long>> perSink) {
        ReplayInput reading = file;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", reading == null ? "" : reading.name());
        summary.put("ok", ok);
        summary.put("lines", reading == null ? 0 : reading.linesRead());
        summary.put("trades", trades);
        summary.put("rejected", deadLetters.counts());
        summary.put("sinks", perSink);
        return summary;
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
}
