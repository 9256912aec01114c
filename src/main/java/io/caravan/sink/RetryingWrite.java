package io.caravan.sink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.bar.Bar;

/**
 * Writes a batch of bars through one sink until it is written: a failure of the sink itself (see
 * {@link WriteFailures}) is retried with {@link Backoff} for as long as the service runs, so a database restart is a
 * pause; a batch refused on its merits is split in halves until the refused bars are alone, so the bars beside them
 * are still written, in their order, and only the refused ones come back as {@link Rejection}s with the sink's
 * message. A failure of unknown kind is retried {@code maxUnknownRetries} times, then taken as a refusal. With
 * {@code giveUpAfter}, a sink failing that long gives the batch up: every bar of it comes back as a rejection.
 */
public final class RetryingWrite {

    /** The sink's own write of a batch, in one transaction or round trip. */
    @FunctionalInterface
    public interface BatchWriter {
        void write(List<Bar> bars) throws Exception;
    }

    @FunctionalInterface
    public interface Pause {
        void sleep(Duration delay) throws InterruptedException;
    }

    public record Rejection(Bar bar, String reason) {
    }

    /** Thrown when the service stops while the sink is still failing: the batch was not written. */
    public static final class Stopped extends Exception {
        Stopped(Exception last) {
            super("stopped while the sink was failing: " + last, last);
        }
    }

    static final int MAX_REASON = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RetryingWrite.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final String sink;
    private final BatchWriter writer;
    private final Backoff backoff;
    private final int maxUnknownRetries;
    private final Duration giveUpAfter;
    private final BooleanSupplier running;
    private final Pause pause;
    private final Clock clock;
    private final SinkStatus status;

    public RetryingWrite(String sink, BatchWriter writer, Backoff backoff, int maxUnknownRetries, Duration giveUpAfter,
            BooleanSupplier running, Pause pause, Clock clock, SinkStatus status) {
        this.sink = sink;
        this.status = status;
        this.giveUpAfter = giveUpAfter;
        this.writer = writer;
        this.backoff = backoff;
        this.maxUnknownRetries = maxUnknownRetries;
        this.running = running;
        this.pause = pause;
        this.clock = clock;
    }

    /** Returns the bars the sink refused (empty when all were written). */
    public List<Rejection> write(List<Bar> bars) throws Stopped, InterruptedException {
        List<Rejection> rejected = new ArrayList<>();
        write(bars, rejected);
        return rejected;
    }

    private void write(List<Bar> bars, List<Rejection> rejected) throws Stopped, InterruptedException {
        Exception refusal;
        try {
            refusal = attempt(bars);
        } catch (GaveUp gaveUp) {
            for (Bar bar : bars) {
                rejected.add(new Rejection(bar, gaveUp.getMessage()));
            }
            return;
        }
        if (refusal == null) {
            return;
        }
        if (bars.size() == 1) {
            rejected.add(new Rejection(bars.get(0), reason(refusal)));
            return;
        }
        int half = bars.size() / 2;
        write(bars.subList(0, half), rejected);
        write(bars.subList(half, bars.size()), rejected);
    }

    private static final class GaveUp extends Exception {
        GaveUp(String message) {
            super(message, null, false, false);
        }
    }

    /** Null when written; the refusal when the sink refused the batch on its merits. */
    private Exception attempt(List<Bar> bars) throws Stopped, InterruptedException, GaveUp {
        int retries = 0;
        int unknown = 0;
        Instant failingSince = null;
        Instant lastReport = null;
        while (true) {
            try {
                writer.write(bars);
                status.writing();
                if (failingSince != null) {
                    LOG.info("Sink {} writing again after {} retries ({} s)", sink, retries,
                            Duration.between(failingSince, clock.instant()).toSeconds());
                }
                return null;
            } catch (Exception e) {
                WriteFailures.Verdict verdict = WriteFailures.classify(e);
                if (verdict == WriteFailures.Verdict.REJECT
                        || verdict == WriteFailures.Verdict.UNKNOWN && unknown++ >= maxUnknownRetries) {
                    return e;
                }
                if (!running.getAsBoolean()) {
                    throw new Stopped(e);
                }
                Instant now = clock.instant();
                if (failingSince == null) {
                    failingSince = now;
                }
                status.failing(failingSince, reason(e));
                if (giveUpAfter != null && Duration.between(failingSince, now).compareTo(giveUpAfter) >= 0) {
                    throw new GaveUp("Gave up after " + giveUpAfter.toMillis() + " ms: " + reason(e));
                }
                if (lastReport == null || Duration.between(lastReport, now).compareTo(REPORT_EVERY) >= 0) {
                    lastReport = now;
                    LOG.warn("Sink {} cannot write {} bar(s), retrying{}: {}", sink, bars.size(),
                            verdict == WriteFailures.Verdict.RETRY ? " until it can" : " (failure of unknown kind)",
                            reason(e));
                }
                pause.sleep(backoff.delay(retries++));
            }
        }
    }

    /** The sink's own words, bounded: PostgreSQL's server message of a batch entry is its next exception. */
    static String reason(Exception e) {
        Throwable shown = e;
        if (e instanceof java.sql.SQLException sql && sql.getNextException() != null) {
            shown = sql.getNextException();
        }
        String text = shown.getClass().getSimpleName() + ": " + shown.getMessage();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }
}
