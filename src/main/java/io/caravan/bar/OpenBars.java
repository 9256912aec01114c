package io.caravan.bar;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.processor.aggregate.DefaultAggregateController;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;

/**
 * The groups held by the two aggregators (ticks → base bars, base bars → longer bars), one per bucket with its
 * {@link BarBook}, and the means to close them.
 * Closing is forced through each aggregator's {@link AggregateController}, base bars first, so that a base bar
 * closed in a sweep has reached its rollup group before that group is closed in the same sweep.
 */
@ApplicationScoped
public class OpenBars {

    private final MemoryAggregationRepository baseGroups = new MemoryAggregationRepository();
    private final MemoryAggregationRepository rollupGroups = new MemoryAggregationRepository();
    private final AggregateController baseController = new DefaultAggregateController();
    private final AggregateController rollupController = new DefaultAggregateController();

    public MemoryAggregationRepository baseGroups() {
        return baseGroups;
    }

    public MemoryAggregationRepository rollupGroups() {
        return rollupGroups;
    }

    public AggregateController baseController() {
        return baseController;
    }

    public AggregateController rollupController() {
        return rollupController;
    }

    private final ClosedBars closedBars;

    public OpenBars(ClosedBars closedBars) {
        this.closedBars = closedBars;
    }

    /**
     * Closes every bucket that closes at or before {@code now}; returns how many bars they held. Revisions
     * ({@link BarRevisions}) hold the same lock, so a bar is never closed while it is being revised.
     */
    public synchronized int closeDue(long now, long graceMillis) {
        int closed = close(baseGroups, baseController, now, graceMillis)
                + close(rollupGroups, rollupController, now, graceMillis);
        closedBars.evict(now);
        return closed;
    }

    /** The earliest end ({@code open + interval}) of the bars still open, if any. */
    public synchronized OptionalLong earliestEnd() {
        return Stream.concat(baseGroups.getKeys().stream(), rollupGroups.getKeys().stream()).map(BarKey::parse)
                .mapToLong(k -> k.openTime() + k.intervalMillis()).min();
    }

    /**
     * Closes every bar, whatever the clock says (end of input). The closed bars stay revisable: nothing is evicted
     * here, the clock has not moved.
     */
    public synchronized int closeAll() {
        return close(baseGroups, baseController, Long.MAX_VALUE, 0)
                + close(rollupGroups, rollupController, Long.MAX_VALUE, 0);
    }

    /**
     * Runs {@code work} holding the lock that closing takes, so no bar closes meanwhile. (On this instance, not on
     * the CDI client proxy a caller holds: {@code synchronized (openBars)} there would lock the proxy.)
     */
    public synchronized <T> T whileNoneClose(Supplier<T> work) {
        return work.get();
    }

    /** The books of the base buckets still open. */
    public List<BarBook> baseBooks() {
        return books(baseGroups);
    }

    /** The books of the longer buckets still open. */
    public List<BarBook> rollupBooks() {
        return books(rollupGroups);
    }

    private static List<BarBook> books(MemoryAggregationRepository groups) {
        List<BarBook> books = new ArrayList<>();
        for (String key : groups.getKeys()) {
            // a group may complete meanwhile: its body is then its bars
            Exchange group = groups.get(null, key);
            if (group != null && group.getMessage().getBody() instanceof BarBook book) {
                books.add(book);
            }
        }
        return books;
    }

    /** Completes the groups of the buckets due at {@code now}, oldest first; returns the number of bars they held. */
    private static int close(MemoryAggregationRepository groups, AggregateController controller, long now,
            long graceMillis) {
        Set<String> keys = groups.getKeys();
        if (keys.isEmpty()) {
            return 0;
        }
        List<BarKey> due = keys.stream().map(BarKey::parse)
                .filter(k -> k.closesAt(graceMillis) <= now)
                .sorted().toList();
        int closed = 0;
        for (BarKey key : due) {
            Exchange group = groups.get(null, key.text());
            int bars = group != null && group.getMessage().getBody() instanceof BarBook book ? book.size() : 0;
            if (controller.forceCompletionOfGroup(key.text()) > 0) {
                closed += bars;
            }
        }
        return closed;
    }
}
