package io.caravan.health;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * A failure that ends the run: an {@link Error} (out of memory, stack overflow, an injected fault) or any exception
 * that kills a thread of a feed, the engine or a sink. Before, such a thread died with a stack trace and the service
 * stayed up and idle, looking alive: a batch replay waited forever.
 * <p>
 * The first one is kept: it is logged as one line naming the thread and the cause, health goes DOWN saying so
 * ({@link RunFailureHealthCheck}), and whoever registered with {@link #onFailure} is told on a thread of its own (the
 * failing one may have no stack or locks left): a replay writes its summary and exits non-zero.
 */
@ApplicationScoped
public class RunFailure {

    private static final Logger LOG = LoggerFactory.getLogger(RunFailure.class);
    static final String REACTION_THREAD = "run-failure";

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Consumer<String>> reactions = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread.UncaughtExceptionHandler previous;

    /** Catches what kills any thread, and what Vert.x's event loops catch and would only log. */
    void onStart(@Observes StartupEvent start, Vertx vertx) {
        running = true;
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, cause) -> failed(thread, cause));
        vertx.exceptionHandler(cause -> {
            if (cause instanceof Error) {
                failed(Thread.currentThread(), cause);
            } else {
                LOG.error("Uncaught exception on {}", Thread.currentThread().getName(), cause);
            }
        });
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        // the handler is the JVM's; tests start several apps in one JVM
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    /** Records the failure (the first one only), logs it, and starts the reactions. */
    public void failed(Thread thread, Throwable cause) {
        String text = "thread " + thread.getName() + ": " + describe(cause);
        if (!failure.compareAndSet(null, text)) {
            return;
        }
        try {
            LOG.error("caravan failed, stopping: {}", text);
            LOG.debug("The failure's stack", cause);
        } catch (Throwable ignored) {
            // out of memory or stack: the reactions still run, on their own thread
        }
        if (!running) {
            return;
        }
        Thread react = new Thread(() -> reactions.forEach(r -> r.accept(text)), REACTION_THREAD);
        react.setDaemon(true);
        react.start();
    }

    /** Called once, on a thread of its own, with the failure's description, when the run fails. */
    public void onFailure(Consumer<String> reaction) {
        reactions.add(reaction);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The cause's class and message on one line (the message cut to 500 characters). */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("\\s+", " ");
        if (message.length() > 500) {
            message = message.substring(0, 500) + "...";
        }
        return cause.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The Error behind a failed exchange or call, if any (Camel wraps an Error in an exception). */
    public static Optional<Error> errorIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error error) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
