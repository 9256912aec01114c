package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import io.caravan.support.Await;

/** Waiting for a fuzz replay: done, or stuck. */
final class FuzzReplay {

    private FuzzReplay() {
    }

    /** A minute, plus 5 ms a case: 20,000 cases take seconds when nothing stalls. */
    static Duration timeout(FuzzSettings settings) {
        return Duration.ofSeconds(60).plusMillis(5L * settings.cases());
    }

    static Map<String, Object> awaitSummary(Path dataDir, FuzzSettings settings) {
        Duration timeout = timeout(settings);
        try {
            return Await.replaySummary(dataDir, timeout);
        } catch (ConditionTimeoutException e) {
            return fail("stuck: the replay did not finish within " + timeout + " [reproduce with " + settings.reproduce()
                    + "]; busy threads:\n" + busyThreads());
        }
    }

    /** Where the application's threads are, for a stuck run: Camel's and the feeds' runnable ones, top frames. */
    static String busyThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (thread.getState() == Thread.State.RUNNABLE
                    && (name.startsWith("Camel") || name.startsWith("ws-feed") || name.startsWith("executor-thread"))) {
                out.append(thread.getName()).append(" (").append(thread.getState()).append(")\n");
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return out.toString();
    }
}
