package io.caravan.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.caravan.feed.FeedStatus;
import io.caravan.metrics.ConnectionMetrics;
import io.caravan.metrics.IngestMetrics;
import io.caravan.tick.Tick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A feed is ready while connected and trading; quiet is stale only while its market is in session. */
class FeedHealthCheckTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final FeedStatus status = new FeedStatus(new ConnectionMetrics(registry));
    final IngestMetrics ingest = new IngestMetrics(registry);

    HealthCheckResponse.Status check(MarketSession session, Duration staleAfter) {
        return new FeedHealthCheck("binance", status, ingest.feed("binance"), session, staleAfter).call().getStatus();
    }

    @Test
    void downUntilConnectedAndAfterDisconnecting() {
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMinutes(1)));
        status.connected("binance");
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> true, Duration.ofMinutes(1)));
        status.disconnected("binance");
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMinutes(1)));
    }

    @Test
    void aQuietConnectedFeedIsStaleOnlyInSession() throws InterruptedException {
        status.connected("binance");
        Thread.sleep(30);
        assertEquals(HealthCheckResponse.Status.DOWN, check((f, t) -> true, Duration.ofMillis(10)), "in session");
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> false, Duration.ofMillis(10)), "market closed");

        ingest.received(new Tick("binance", "BTCUSDT", System.currentTimeMillis(), BigDecimal.ONE, BigDecimal.ONE, 1L, 1));
        assertEquals(HealthCheckResponse.Status.UP, check((f, t) -> true, Duration.ofSeconds(10)), "a fresh trade");
        assertEquals(1.0, registry.get(IngestMetrics.TICKS).tag("feed", "binance").counter().count());
    }
}
