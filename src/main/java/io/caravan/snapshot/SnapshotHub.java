package io.caravan.snapshot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.sink.redis.RedisPublisher;
import io.caravan.sink.redis.RedisSnapshotWriter;
import io.caravan.tick.DeadLetters;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * The quote snapshot hub's steps, called by {@code routes/snapshot.yaml}: a round asks for every configured symbol,
 * {@code caravan.snapshot.batch-size} per request; writes what the answers carry into {@code quote:<SYMBOL>} hashes
 * with a TTL; asks once more, alone, for the symbols an answer left out; and ends with one message on the round
 * channel. Symbols still missing are logged, counted and put in the snapshot dead letter; their hashes keep their last
 * values until the TTL ends them.
 */
@ApplicationScoped
@Named("snapshotHub")
public class SnapshotHub {

    /** Exchange property: the {@link SnapshotRound} in progress. */
    static final String ROUND = "caravanSnapshotRound";
    /** Exchange property: the symbols of the request in progress. */
    static final String SYMBOLS = "caravanSnapshotSymbols";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHub.class);

    private final List<String> symbols;
    private final int batchSize;
    private final Duration ttl;
    private final RedisSnapshotWriter writer;
    private final RedisPublisher publisher;
    /** Records of the snapshot dead letter, counted by reason apart from the trades'. */
    private final DeadLetters rejects = DeadLetters.apartFromTrades();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong skippedRounds = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicBoolean firstReported = new AtomicBoolean();
    private volatile long pausedUntil;
    private volatile Map<String, Object> lastReport;

    public SnapshotHub(CaravanConfig config, RedisSnapshotWriter writer, RedisPublisher publisher) {
        CaravanConfig.Snapshot snapshot = config.snapshot();
        this.symbols = List.copyOf(new LinkedHashSet<>(snapshot.symbols().orElse(config.symbols()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
        if (snapshot.batchSize() < 1) {
            throw new IllegalArgumentException("caravan.snapshot.batch-size must be at least 1: " + snapshot.batchSize());
        }
        if (snapshot.ttl().toMillis() < 1) {
            throw new IllegalArgumentException("caravan.snapshot.ttl must be positive: " + snapshot.ttl());
        }
        this.batchSize = snapshot.batchSize();
        this.ttl = snapshot.ttl();
        this.writer = writer;
        this.publisher = publisher;
    }

    /** Starts a round: @return the configured symbols in requests of at most batch-size (none while paused) */
    public List<List<String>> startRound(Exchange exchange) {
        long now = System.currentTimeMillis();
        boolean paused = now < pausedUntil;
        SnapshotRound round = new SnapshotRound(rounds.incrementAndGet(), now, symbols, paused);
        exchange.setProperty(ROUND, round);
        if (paused) {
            skippedRounds.incrementAndGet();
            LOG.debug("Snapshot round {} skipped: the provider asked to wait until {}", round.number(),
                    Instant.ofEpochMilli(pausedUntil));
            return List.of();
        }
        return chunks(symbols);
    }

    /** False while the polling is paused: a provider's Retry-After holds for the rest of the round too. */
    public boolean mayAsk() {
        return System.currentTimeMillis() >= pausedUntil;
    }

    /** Makes the exchange the GET of one request: {@code ?symbols=A,B,C}, nothing else from the round on it. */
    public void prepareRequest(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> asked = exchange.getMessage().getBody(List.class);
        exchange.setProperty(SYMBOLS, List.copyOf(asked));
        round(exchange).requestSent();
        exchange.getMessage().removeHeaders("*"); // the scheduler's headers are no HTTP headers
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "symbols=" + asked.stream()
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)).collect(Collectors.joining(",")));
        exchange.getMessage().setBody(null);
    }

    /** Writes the answer's quotes of the symbols asked for, in one round trip; @return the refused entries */
    public List<TickRejectedException> accept(SnapshotAnswer answer, Exchange exchange) throws Exception {
        SnapshotRound round = round(exchange);
        @SuppressWarnings("unchecked")
        List<String> asked = exchange.getProperty(SYMBOLS, List.class);
        Set<String> wanted = Set.copyOf(asked);
        List<SnapshotQuote> quotes = new ArrayList<>();
        for (SnapshotQuote quote : answer.quotes()) {
            if (wanted.contains(quote.symbol())) {
                quotes.add(quote);
            } else {
                LOG.debug("Snapshot answer carried {}, which was not asked for; ignored", quote.symbol());
            }
        }
        List<String> carried = quotes.stream().map(SnapshotQuote::symbol).toList();
        round.answered(asked, carried);
        if (!quotes.isEmpty()) {
            writer.write(quotes, round.time(), ttl);
            round.written(carried);
            updated.addAndGet(quotes.size());
        }
        return answer.rejects();
    }

    /** The symbols answers left out so far, to be asked for again on their own. */
    public List<List<String>> retryMissing(Exchange exchange) {
        SnapshotRound round = round(exchange);
        List<String> absent = round.missing();
        if (!absent.isEmpty()) {
            round.retrying(absent);
            LOG.debug("Snapshot round {}: asking again for {} left out: {}", round.number(), absent.size(), absent);
        }
        return chunks(absent);
    }

    /**
     * Ends the round: one message on the round channel, a warning and a count for symbols still missing.
     *
     * @return the dead-letter record of the symbols still missing, or null when none is
     */
    public TickRejectedException finishRound(Exchange exchange) {
        SnapshotRound round = round(exchange);
        if (round.skipped()) {
            return null;
        }
        List<String> absent = round.missing();
        missing.addAndGet(absent.size());
        Map<String, Object> report = round.report(System.currentTimeMillis());
        report.put("totals", Map.of("rounds", rounds.get() - skippedRounds.get(), "quotes", updated.get(),
                "missing", missing.get()));
        lastReport = report;
        if (firstReported.compareAndSet(false, true)) {
            LOG.info("Quote snapshot hub: first round wrote {} of {} symbols in {} requests",
                    ((List<?>) report.get("updated")).size(), symbols.size(), round.requests());
        }
        List<String> failed = round.unanswered();
        if (!failed.isEmpty()) {
            LOG.warn("Snapshot round {}: no readable answer for {} symbols (see the snapshot dead letter): {}",
                    round.number(), failed.size(), failed);
        }
        try {
            publisher.publishSnapshotRound(report);
        } catch (Exception e) {
            LOG.warn("Snapshot round {}: the round message could not be published: {}", round.number(), e.toString());
        }
        if (absent.isEmpty()) {
            return null;
        }
        LOG.warn("Snapshot round {}: {} symbols missing from the answers, also when asked for alone: {}; their quote "
                + "hashes keep the last values until caravan.snapshot.ttl", round.number(), absent.size(), absent);
        return new TickRejectedException(RejectReason.MISSING_SYMBOL, "round " + round.number() + " at "
                + Instant.ofEpochMilli(round.time()) + ", asked for again alone: " + String.join(",", absent),
                String.join(",", absent));
    }

    /**
     * For the dead letter: a request the provider refused becomes a {@code provider error} with its status and the
     * body it answered, instead of an exception that names the URL.
     */
    public void describeFailure(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (caught instanceof HttpOperationFailedException failed) {
            @SuppressWarnings("unchecked")
            List<String> asked = exchange.getProperty(SYMBOLS, List.class);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new TickRejectedException(RejectReason.PROVIDER_ERROR,
                    "HTTP " + failed.getStatusCode() + " for " + (asked == null ? "?" : String.join(",", asked)),
                    failed.getResponseBody()));
        }
    }

    /** No round asks anything before this time (the provider's Retry-After was longer than a round may wait). */
    public void pauseUntil(long epochMillis) {
        if (epochMillis > pausedUntil) {
            pausedUntil = epochMillis;
            LOG.warn("Snapshot polling paused until {}, as the provider asked", Instant.ofEpochMilli(epochMillis));
        }
    }

    private List<List<String>> chunks(List<String> list) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += batchSize) {
            chunks.add(List.copyOf(list.subList(i, Math.min(list.size(), i + batchSize))));
        }
        return chunks;
    }

    private static SnapshotRound round(Exchange exchange) {
        SnapshotRound round = exchange.getProperty(ROUND, SnapshotRound.class);
        if (round == null) {
            throw new IllegalStateException("No snapshot round on this exchange: call startRound first");
        }
        return round;
    }

    public List<String> symbols() {
        return symbols;
    }

    public DeadLetters rejects() {
        return rejects;
    }

    /** Rounds started, those skipped among them (paused), quotes written, and symbols reported missing. */
    public long rounds() {
        return rounds.get();
    }

    public long skippedRounds() {
        return skippedRounds.get();
    }

    public long quotesWritten() {
        return updated.get();
    }

    public long missingReported() {
        return missing.get();
    }

    /** The message of the latest round, or null before the first. */
    public Map<String, Object> lastReport() {
        return lastReport;
    }
}
