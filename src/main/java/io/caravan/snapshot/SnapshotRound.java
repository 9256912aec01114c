package io.caravan.snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one poll of every configured symbol asked for and got. The round's requests run one after another on the
 * scheduler's thread; the lock only makes what they recorded visible to whoever reads it next.
 */
final class SnapshotRound {

    private final long number;
    private final long time;
    private final List<String> requested;
    private final boolean skipped;
    /** Symbols of requests that got a valid answer: only those can be missing from one. */
    private final Set<String> answerable = new LinkedHashSet<>();
    private final Set<String> received = new LinkedHashSet<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final Set<String> retried = new LinkedHashSet<>();
    private int requests;

    SnapshotRound(long number, long time, List<String> requested, boolean skipped) {
        this.number = number;
        this.time = time;
        this.requested = List.copyOf(requested);
        this.skipped = skipped;
    }

    long number() {
        return number;
    }

    long time() {
        return time;
    }

    List<String> requested() {
        return requested;
    }

    boolean skipped() {
        return skipped;
    }

    synchronized void requestSent() {
        requests++;
    }

    synchronized int requests() {
        return requests;
    }

    /** A request for {@code asked} got an answer that could be read, with valid quotes of {@code carried}. */
    synchronized void answered(Collection<String> asked, Collection<String> carried) {
        answerable.addAll(asked);
        received.addAll(carried);
    }

    synchronized void written(Collection<String> symbols) {
        written.addAll(symbols);
    }

    /** Asked for in a request that was answered, but not in any answer (or refused there). */
    synchronized List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String symbol : answerable) {
            if (!received.contains(symbol)) {
                missing.add(symbol);
            }
        }
        return missing;
    }

    synchronized void retrying(Collection<String> symbols) {
        retried.addAll(symbols);
    }

    /** Symbols no answer could be read for: their requests failed (and went to the dead letter). */
    synchronized List<String> unanswered() {
        return requested.stream().filter(s -> !answerable.contains(s)).toList();
    }

    /** The message published once the round is over. */
    synchronized Map<String, Object> report(long finished) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("type", "snapshot-round");
        report.put("round", number);
        report.put("time", time);
        report.put("finished", finished);
        report.put("requested", requested.size());
        report.put("updated", List.copyOf(written));
        report.put("retried", List.copyOf(retried));
        report.put("missing", missing());
        report.put("failed", unanswered());
        report.put("requests", requests);
        return report;
    }
}
