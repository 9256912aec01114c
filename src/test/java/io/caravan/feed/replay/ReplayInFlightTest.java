package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.metrics.IngestMetrics;
import io.caravan.support.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A replay's memory does not grow with the file: the heap after a full GC when 1,000,000 of 1,200,000 trades have
 * been read is within 64 MB of the heap after a GC at 200,000 (before, the file was one exchange split in a route,
 * and every trade's {@code Tick} stayed reachable from the work piled up behind the reader: about 300 bytes a trade,
 * over 200 MB here). And the reader stays within {@code caravan.replay.in-flight} chunks of the engine: sampled all
 * through the replay, the lines read never lead the trades the engine has taken by more than the limit's chunks,
 * the one waiting to be handed on and the one in the engine.
 */
@QuarkusTest
@TestProfile(ReplayInFlightTest.Profile.class)
class ReplayInFlightTest {

    static final Path DATA = Path.of("target/test-data/replay-in-flight");
    static final Path INPUT = DATA.resolveSibling("replay-in-flight.csv");
    static final int TRADES = 1_200_000;
    static final int EARLY = 200_000;
    static final int LATE = 1_000_000;
    static final long GROWTH_LIMIT = 64L << 20;
    static final int IN_FLIGHT = 2;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            writeInput();
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", INPUT.toString(),
                    "caravan.replay.in-flight", Integer.toString(IN_FLIGHT), "caravan.data-dir", DATA.toString(),
                    "caravan.sinks", "csv", "caravan.intervals", "1m,1h");
        }
    }

    /** Four symbols, a trade every 50 ms from 2021-03-01 on (17 hours). */
    static void writeInput() {
        long t0 = Instant.parse("2021-03-01T00:00:00Z").toEpochMilli();
        try {
            Files.createDirectories(INPUT.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(INPUT)) {
                out.write("timestamp,symbol,price,size\n");
                for (int i = 0; i < TRADES; i++) {
                    out.write((t0 + i * 50L) + ",IF" + (i % 4) + "," + (100 + i % 37) + "." + (i % 10) + ",1\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    ReplayFeed feed;

    @Inject
    MeterRegistry registry;

    @Test
    void theReaderNeverRunsMoreThanTheLimitAheadOfTheEngine() {
        AtomicLong lead = new AtomicLong();
        AtomicLong early = new AtomicLong(-1);
        AtomicLong late = new AtomicLong(-1);
        Path summary = DATA.resolve(ReplayFeed.SUMMARY_FILE);
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    // lines first: the engine's count read after them can only make the lead look smaller
                    long read = feed.linesRead();
                    lead.accumulateAndGet(read - (long) received(), Math::max);
                    if (read >= EARLY && early.get() < 0) {
                        early.set(heapAfterGc());
                    }
                    if (read >= LATE && late.get() < 0 && !Files.exists(summary)) {
                        late.set(heapAfterGc());
                    }
                    return Files.exists(summary);
                });
        Map<String, Object> result = Await.replaySummary(DATA, Duration.ofSeconds(10));
        assertEquals(Boolean.TRUE, result.get("ok"));
        assertEquals(TRADES, ((Number) result.get("trades")).intValue());
        long bound = (IN_FLIGHT + 2L) * ReplayFeed.MAX_SPEED_CHUNK + 1; // + the header
        assertTrue(lead.get() <= bound, "the reader led the engine by " + lead.get() + " lines (bound " + bound + ")");
        System.out.printf("ReplayInFlightTest: largest lead %d lines of %d; heap after GC %d MB at %d lines, %d MB at %d%n",
                lead.get(), TRADES, early.get() >> 20, EARLY, late.get() >> 20, LATE);
        assertTrue(early.get() > 0 && late.get() > 0, "both heap samples were taken during the replay");
        assertTrue(late.get() - early.get() < GROWTH_LIMIT, "the heap grew by " + ((late.get() - early.get()) >> 20)
                + " MB from " + EARLY + " to " + LATE + " lines read");
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private double received() {
        var counter = registry.find(IngestMetrics.TICKS).tag("feed", "replay").counter();
        return counter == null ? 0 : counter.count();
    }
}
