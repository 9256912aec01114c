package io.caravan.feed.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.feed.FeedStatus;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBars;
import io.caravan.support.OutputBars;
import io.caravan.tick.TickValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of big frames between valid trades over a real WebSocket: frames above caravan.websocket.max-frame-bytes
 * (alone or as a 50 MB fragmented message) and a text frame with invalid UTF-8 are dead letters with their reason
 * and length, every valid trade is in the bars, the connection stays up, and the frames waiting for the route never
 * hold more than caravan.websocket.max-pending-bytes (plus the one frame that crossed it).
 */
@QuarkusTest
@TestProfile(OversizedFramesTest.Profile.class)
class OversizedFramesTest {

    static final Path DATA = Path.of("target/test-data/oversized-frames");
    static final int MAX_FRAME = 64 * 1024;
    static final int MAX_PENDING = 1024 * 1024;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            return Map.of("caravan.feeds", "binance", "caravan.feed.binance.symbols", "BTCUSDT",
                    "caravan.symbols", "ZZZZ", "caravan.bars.clock", "event", "caravan.intervals", "1m",
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv",
                    "caravan.websocket.max-frame-bytes", String.valueOf(MAX_FRAME),
                    "caravan.websocket.max-pending-bytes", String.valueOf(MAX_PENDING));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FrameFloodServer.class));
        }
    }

    @Inject
    TickValidator validator;
    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;
    @Inject
    FeedStatus feedStatus;

    @Test
    void refusedFramesAreDeadLettersAndTheValidOnesAreBars() throws Exception {
        int expectedTrades = FrameFloodServer.PADDED + FrameFloodServer.OVERSIZED + FrameFloodServer.AFTER;
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> validator.checked() >= expectedTrades);
        assertEquals(expectedTrades, FrameFloodServer.valid.size());
        // frames are processed in order and the last ones are valid trades: every refusal is recorded by now
        List<JsonNode> refused = deadLetters();
        assertEquals(FrameFloodServer.OVERSIZED + 2, refused.size(), "dead letters (reason: detail) "
                + refused.stream().map(r -> r.get("reason").asText() + ": " + abbreviated(r.get("detail").asText()))
                        .toList());
        for (int i = 0; i < FrameFloodServer.OVERSIZED; i++) {
            JsonNode record = refused.get(i);
            assertEquals("too large", record.get("reason").asText(), abbreviated(record.toString()));
            assertTrue(record.get("detail").asText().matches("too large: 1000\\d{3} bytes in 1 frame\\b.*"), record.toString());
            assertTrue(record.get("raw").asText().startsWith("{\"stream\":\"btcusdt@trade\""), record.toString());
        }
        JsonNode fragmented = refused.get(FrameFloodServer.OVERSIZED);
        assertEquals("too large", fragmented.get("reason").asText(), fragmented.toString());
        assertTrue(fragmented.get("detail").asText().contains(FrameFloodServer.FRAGMENTED_BYTES + " bytes in 50 frames"),
                fragmented.toString());
        JsonNode invalid = refused.get(FrameFloodServer.OVERSIZED + 1);
        assertEquals("invalid utf-8", invalid.get("reason").asText(), invalid.toString());

        assertEquals(expectedTrades, validator.checked(), "every valid trade, no refused frame");
        assertEquals(1, FrameFloodServer.connections.get(), "the connection stayed up");
        assertEquals(FeedStatus.CONNECTED, feedStatus.of("binance").state());
        OrderedClientConsumer consumer = (OrderedClientConsumer) camel.getRoute("feed-binance").getConsumer();
        assertTrue(consumer.peakPendingBytes() <= MAX_PENDING + MAX_FRAME,
                "pending frames were bounded by bytes: at most " + consumer.peakPendingBytes());
        assertTrue(consumer.pauses() > 0, "16 MB of valid frames at once paused the socket (peak pending "
                + consumer.peakPendingBytes() + " bytes)");

        clock.flush();
        sinks.awaitDrained(Duration.ofMinutes(1));
        OutputBars.assertSameBars(ExpectedBars.compute(FrameFloodServer.valid, List.of("1m")), OutputBars.fromCsv(DATA),
                "CSV");
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    private static List<JsonNode> deadLetters() {
        Path dir = DATA.resolve("dead-letter");
        if (!Files.exists(dir)) {
            return List.of();
        }
        // a record as big as the frame it refused is read, to fail on what it says rather than on its size
        ObjectMapper json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ticks-")).sorted()
                    .flatMap(f -> {
                        try {
                            String text = Files.readString(f);
                            return text.substring(0, text.lastIndexOf('\n') + 1).lines();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(line -> {
                        try {
                            return json.readTree(line);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
