package io.caravan.kline;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.feed.KlineRequest;

/**
 * Who may be asked for klines now. A symbol answered 403 is left alone for {@code caravan.klines.forbidden-backoff},
 * doubling on each further 403 up to a day: a real provider's 403 usually means the plan has no entitlement for that
 * symbol or resolution, and asking every minute changes nothing. It is logged once per symbol, when it starts. A
 * Retry-After longer than the longest retry delay pauses every request until then.
 */
@ApplicationScoped
@Named("klineBackoff")
public class KlineBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(KlineBackoff.class);
    private static final long MAX_BACKOFF = Duration.ofDays(1).toMillis();

    private record Forbidden(long until, long delay) {
    }

    private final Map<String, Forbidden> forbidden = new ConcurrentHashMap<>();
    private final long initialBackoff;
    private final KlineStats stats;
    private volatile long pausedUntil;

    public KlineBackoff(CaravanConfig config, KlineStats stats) {
        this.initialBackoff = config.klines().forbiddenBackoff().toMillis();
        this.stats = stats;
    }

    public boolean mayAsk(KlineRequest request) {
        long now = System.currentTimeMillis();
        if (now < pausedUntil) {
            LOG.debug("Klines of {} not asked: the provider asked us to wait until {}", request.symbol(),
                    Instant.ofEpochMilli(pausedUntil));
            stats.add(KlineStats.SKIPPED, 1);
            return false;
        }
        Forbidden f = forbidden.get(key(request));
        if (f != null && now < f.until()) {
            LOG.debug("Klines of {} not asked until {} (403 before)", request.symbol(), Instant.ofEpochMilli(f.until()));
            stats.add(KlineStats.SKIPPED, 1);
            return false;
        }
        return true;
    }

    void forbidden(KlineRequest request, String answer) {
        stats.add(KlineStats.FORBIDDEN, 1);
        Forbidden before = forbidden.get(key(request));
        long delay = before == null ? initialBackoff : Math.min(MAX_BACKOFF, before.delay() * 2);
        forbidden.put(key(request), new Forbidden(System.currentTimeMillis() + delay, delay));
        if (before == null) {
            LOG.warn("{} answered 403 to the {} klines of {}: this token's plan is probably not entitled to that "
                    + "symbol or resolution ({}). Not asking for {} again for {} (doubling while it stays 403)",
                    request.provider(), request.interval(), request.symbol(), answer, request.symbol(),
                    Duration.ofMillis(delay));
        } else {
            LOG.debug("{} answered 403 again for {}; next try in {}", request.provider(), request.symbol(),
                    Duration.ofMillis(delay));
        }
    }

    void succeeded(KlineRequest request) {
        if (forbidden.remove(key(request)) != null) {
            LOG.info("{} answers the {} klines of {} again", request.provider(), request.interval(), request.symbol());
        }
    }

    void pauseUntil(long until, String why) {
        if (until > pausedUntil) {
            pausedUntil = until;
            LOG.warn("Kline requests paused until {}: {}", Instant.ofEpochMilli(until), why);
        }
    }

    private static String key(KlineRequest request) {
        return request.provider() + " " + request.symbol() + " " + request.interval();
    }
}
