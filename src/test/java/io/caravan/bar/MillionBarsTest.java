package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.tick.RawTrade;
import io.caravan.tick.TickRoutes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A million bars closed on a thread with a 256 KB stack: a trade a minute for two years on the event clock, sent the
 * way the replay sent a file before (one exchange split into chunks of 1,000 trades, into {@code direct:trades}).
 * Each chunk's trades close the bars of the minutes before them, and every bar goes on to the hourly rollup and the
 * sinks. The depth of the stack must not grow with the bars closed: before {@link BarCloser}, every step of the
 * exchange after the first close ran one level deeper, and this thread died of {@code StackOverflowError} after
 * some tens of thousands of bars.
 */
@QuarkusTest
@TestProfile(MillionBarsTest.Profile.class)
class MillionBarsTest {

    static final long T0 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    static final int MINUTES = 2 * 365 * 24 * 60;
    static final int CHUNK = 1_000;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caravan.feeds", "none", "caravan.bars.clock", "event", "caravan.intervals", "1m,1h",
                    "caravan.sinks", "count", "caravan.sink.count.uri", "direct:million-bars",
                    "caravan.sink.count.queue-size", "2000000", "caravan.data-dir", "target/test-data/million-bars");
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Test
    void aMillionBarsCloseOnA256KilobyteStack() throws Exception {
        AtomicLong minuteBars = new AtomicLong();
        AtomicLong hourBars = new AtomicLong();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:two-years-of-trades").routeConfigurationId(TickRoutes.INGEST)
                        .split(body()).streaming()
                            .to("direct:trades");
                from("direct:million-bars").process(e -> {
                    String json = e.getMessage().getBody(String.class);
                    (json.contains("\"interval\":\"1m\"") ? minuteBars : hourBars).incrementAndGet();
                });
            }
        });

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                Exchange sent = producer.send("direct:two-years-of-trades", e -> e.getMessage().setBody(chunks()));
                failure.set(sent.getException());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "two-years", 256 * 1024);
        small.start();
        small.join(TimeUnit.MINUTES.toMillis(5));
        assertTrue(!small.isAlive(), "the two years were sent within 5 minutes");
        assertNull(failure.get(), "no failure on the 256 KB thread");

        // the last minute and hour stay open: nothing after them moves the clock
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> minuteBars.get() == MINUTES - 1);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> hourBars.get() == MINUTES / 60 - 1);
        assertEquals(MINUTES - 1, minuteBars.get());
    }

    /** A trade a minute, 3 s into it (past the 2 s grace of the minute before), in chunks as a replay hands them on. */
    static Iterator<List<RawTrade>> chunks() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < MINUTES;
            }

            @Override
            public List<RawTrade> next() {
                List<RawTrade> chunk = new ArrayList<>(CHUNK);
                for (int end = Math.min(MINUTES, next + CHUNK); next < end; next++) {
                    String ts = Long.toString(T0 + next * 60_000L + 3_000);
                    chunk.add(new RawTrade("replay", "MILLION", ts, Integer.toString(100 + next % 50), "1", null, null,
                            next, ts));
                }
                return chunk;
            }
        };
    }
}
