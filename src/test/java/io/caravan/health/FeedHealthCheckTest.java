package io.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.caravan.feed.FeedStatus;
import io.caravan.metrics.IngestMetrics;
import io.caravan.tick.Tick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A feed is ready while connected and trading; quiet is stale only while its market is in session. */
class FeedHealthCheckTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics ingest = new IngestMetrics(registry);
    volatile FeedStatus.State state = new FeedStatus.State(FeedStatus.NOT_APPLICABLE, 0);

    HealthCheckResponse.Status check(MarketSession session, Duration staleAfter) {
        return new FeedHealthCheck("binance", () -> state, ingest.feed("binance"), session, staleAfter).call()
                .getStatus();
    }

    void set(String connection) {
        state = new FeedStatus.State(connection, System.currentTimeMillis());
    }

    @Test
    void downUntilConnectedAndAfterDisconnecting() {
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMinutes(1)));
        set(FeedStatus.CONNECTED);
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> true, Duration.ofMinutes(1)));
        set(FeedStatus.DISCONNECTED);
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMinutes(1)));
    }

    @Test
    void aQuietConnectedFeedIsStaleOnlyInSession() throws InterruptedException {
        set(FeedStatus.CONNECTED);
        Thread.sleep(30);
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMillis(10)), "in session");
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> false, Duration.ofMillis(10)), "market closed");

        ingest.received(new Tick("binance", "BTCUSDT", System.currentTimeMillis(), BigDecimal.ONE, BigDecimal.ONE, 1L, 1));
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> true, Duration.ofSeconds(10)), "a fresh trade");
        assertEquals(1.0, registry.get(IngestMetrics.TICKS).tag("feed", "binance").counter().count());
    }
}
