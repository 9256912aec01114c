package io.caravan.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the snapshot endpoint does wrong on command, so that a client's handling of it can be tested: leave symbols
 * out, answer an error status (with or without Retry-After), or answer something that is not JSON. Also remembers the
 * latest requests, so a test can see what a client asked for and when. Runs on the simulator's event loop.
 */
final class SnapshotFaults {

    /** How many requests are remembered. */
    static final int REQUESTS_KEPT = 500;

    /** A request as the simulator received it, and what it answered: a status, or {@code malformed}. */
    record Request(long time, List<String> symbols, String answer) {
    }

    /** An error status instead of an answer. */
    record Failure(int status, OptionalInt retryAfterSeconds) {
    }

    private final Map<String, Integer> omitted = new HashMap<>();
    private final Deque<Request> requests = new ArrayDeque<>();
    private int failures;
    private Failure failure;
    private int malformed;

    /** Leaves each symbol out of its next {@code times} answers that would include it ({@code 0}: forever). */
    void omit(List<String> symbols, int times) {
        symbols.forEach(s -> omitted.put(s, times <= 0 ? Integer.MAX_VALUE : times));
    }

    /** The next {@code count} requests are answered {@code status}. */
    void fail(int count, int status, OptionalInt retryAfterSeconds) {
        failures = count;
        failure = new Failure(status, retryAfterSeconds);
    }

    /** The next {@code count} requests are answered with a body that is not JSON. */
    void malformed(int count) {
        malformed = count;
    }

    void clear() {
        omitted.clear();
        failures = 0;
        malformed = 0;
    }

    void received(long time, List<String> symbols, String answer) {
        requests.addLast(new Request(time, List.copyOf(symbols), answer));
        while (requests.size() > REQUESTS_KEPT) {
            requests.removeFirst();
        }
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The failure this request gets, if one is due; counts it. */
    OptionalFailure nextFailure() {
        if (failures > 0) {
            failures--;
            return new OptionalFailure(failure, false);
        }
        if (malformed > 0) {
            malformed--;
            return new OptionalFailure(null, true);
        }
        return new OptionalFailure(null, false);
    }

    record OptionalFailure(Failure failure, boolean malformed) {
    }

    /** Whether this answer leaves the symbol out; counts it. */
    boolean leavesOut(String symbol) {
        Integer times = omitted.get(symbol);
        if (times == null) {
            return false;
        }
        if (times != Integer.MAX_VALUE) {
            if (times <= 1) {
                omitted.remove(symbol);
            } else {
                omitted.put(symbol, times - 1);
            }
        }
        return true;
    }
}
