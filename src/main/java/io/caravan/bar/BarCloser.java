package io.caravan.bar;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.health.RunFailure;

/**
 * Runs every bar close (clock sweeps, end-of-input flushes) on one thread of its own, and waits for it.
 * <p>
 * Why a thread: a group forced closed sends its bar from inside the aggregator through Camel's reactive executor
 * ({@code scheduleSync}), and doing that inside a route that is still running (a replay's chunk, a feed's frame)
 * leaves that thread's Camel worker marked idle while its outer work goes on; from then on every step of the outer
 * exchange ran nested one level deeper, so the stack grew with the trades of the whole replay until
 * {@code StackOverflowError}. Started from a thread that runs no exchange, each close begins and ends at the same
 * depth, whatever came before. The caller waits, so a sweep still completes before the next trade is taken in.
 */
@ApplicationScoped
public class BarCloser {

    static final String THREAD_NAME = "bar-closer";

    private final RunFailure failure;
    private final CaravanConfig.Faults faults;
    private long closes;
    private volatile Thread thread;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        thread = t;
        return t;
    });

    public BarCloser(RunFailure failure, CaravanConfig config) {
        this.failure = failure;
        this.faults = config.faults();
    }

    /** Runs {@code work} on the closing thread (directly when already on it) and returns its result. */
    public <T> T run(Callable<T> work) {
        if (Thread.currentThread() == thread) {
            return call(work);
        }
        Future<T> done = executor.submit(() -> {
            try {
                injectFault();
                return work.call();
            } catch (Error e) {
                // an Error here ends the run, whatever the caller does with it
                failure.failed(Thread.currentThread(), e);
                throw e;
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bars were closing", e);
        }
    }

    /** {@code caravan.faults.engine-error-at-close}: off unless set (tests of what a failure does). */
    private void injectFault() {
        closes++;
        if (faults.engineErrorAtClose().isEmpty() || closes != faults.engineErrorAtClose().getAsInt()) {
            return;
        }
        if ("oom".equals(faults.engineError())) {
            java.util.List<long[]> heap = new java.util.ArrayList<>();
            while (true) {
                heap.add(new long[1 << 20]);
            }
        }
        throw new InternalError("injected by caravan.faults.engine-error-at-close=" + closes);
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
