package io.caravan.kline;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;
import io.caravan.http.RetryAfter;
import io.caravan.tick.TickRejectedException;

/**
 * What a failed kline request leads to. 429 (rate limit), 5xx and no answer at all are retried by Camel's redelivery
 * with exponential backoff and jitter; a 429's Retry-After sets that retry's delay (Camel's
 * {@code CamelRedeliveryDelay} header), and one longer than the longest retry delay pauses all requests until then
 * instead. 403 backs the symbol off ({@link KlineBackoff}); other 4xx are logged. A request that still fails leaves
 * the symbol for the next round with an empty batch. A refused answer goes to the dead letter.
 */
@ApplicationScoped
@Named("klineFailures")
public class KlineFailures {

    private static final Logger LOG = LoggerFactory.getLogger(KlineFailures.class);
    private static final String RETRY_AFTER = "caravanKlineRetryAfter";

    private final KlineBackoff backoff;
    private final KlineStats stats;
    private final int maxRetries;
    private final long maxDelay;

    public KlineFailures(KlineBackoff backoff, KlineStats stats, CaravanConfig config) {
        this.backoff = backoff;
        this.stats = stats;
        this.maxRetries = config.klines().maxRetries();
        this.maxDelay = config.klines().retryMaxDelay().toMillis();
    }

    /**
     * Camel's retryWhile: whether this failure is worth another try. Camel has already counted the try it is about to
     * make in {@code CamelRedeliveryCounter} (1 before the first retry).
     */
    public boolean retry(Exchange exchange) {
        int retry = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Throwable cause = cause(exchange);
        if (retry > maxRetries) {
            return false;
        }
        if (cause instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            if (status == 429) {
                Long wait = retryAfter(http.getResponseHeaders());
                return wait == null || wait <= maxDelay;
            }
            return status >= 500;
        }
        return cause instanceof IOException;
    }

    /** Camel's onExceptionOccurred, before the retry delay is chosen: a 429's Retry-After becomes that delay. */
    public void chooseDelay(Exchange exchange) {
        Long wait = cause(exchange) instanceof HttpOperationFailedException http && http.getStatusCode() == 429
                ? retryAfter(http.getResponseHeaders()) : null;
        if (wait == null) {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
            exchange.removeProperty(RETRY_AFTER);
        } else {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait);
            exchange.setProperty(RETRY_AFTER, wait);
        }
    }

    /** Camel's onRedelivery, right before a retry. */
    public void retrying(Exchange exchange) {
        stats.add(KlineStats.RETRIES, 1);
        Long wait = exchange.getProperty(RETRY_AFTER, Long.class);
        LOG.info("Kline request {} failed ({}); retry {}{}", KlineHttp.request(exchange), describe(cause(exchange)),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                wait == null ? " with backoff" : " after Retry-After " + Duration.ofMillis(wait));
    }

    /** The request gave up: the symbol waits for the next round. */
    public KlineBatch failed(Exchange exchange) {
        KlineRequest request = KlineHttp.request(exchange);
        exchange.getMessage().removeHeaders("*"); // the token header must not outlive the request
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        Throwable cause = cause(exchange);
        if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 403) {
            backoff.forbidden(request, http.getResponseBody());
        } else {
            stats.add(KlineStats.FAILED, 1);
            if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
                Long wait = retryAfter(http.getResponseHeaders());
                if (wait != null && wait > maxDelay) {
                    backoff.pauseUntil(System.currentTimeMillis() + wait, "429 with Retry-After "
                            + Duration.ofMillis(wait));
                }
            }
            LOG.warn("Klines {} not fetched ({}); asked again next round", request, describe(cause));
        }
        return KlineBatch.empty(request);
    }

    /** The answer was refused (recorded in the dead letter by the route): the symbol waits for the next round. */
    public KlineBatch rejected(Exchange exchange) {
        stats.add(KlineStats.REJECTED, 1);
        KlineRequest request = KlineHttp.request(exchange);
        LOG.warn("Klines {} refused: {}", request, cause(exchange).getMessage());
        return KlineBatch.empty(request);
    }

    private static Throwable cause(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        if (cause instanceof TickRejectedException rejected) {
            return rejected.getMessage();
        }
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Retry-After in ms: delay-seconds or an HTTP date; null when absent or unreadable. */
    static Long retryAfter(Map<String, String> headers) {
        OptionalLong wait = RetryAfter.millis(headers);
        return wait.isPresent() ? wait.getAsLong() : null;
    }
}
