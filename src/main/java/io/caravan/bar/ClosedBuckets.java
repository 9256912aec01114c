package io.caravan.bar;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently closed buckets of one aggregator, so that a live trade that passed the late check just before its
 * bucket closed, and reached the aggregator just after, cannot open the bucket again: its bars are written. (Camel's
 * {@code closeCorrelationKeyOnCompletion} did this per bar; per bucket it would also refuse a trade fetched over
 * REST, which may begin a bar in a closed bucket for a symbol that had none there, and is allowed to.)
 */
final class ClosedBuckets {

    private final Map<String, Boolean> keys;

    ClosedBuckets(int capacity) {
        this.keys = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void closed(String key) {
        keys.put(key, Boolean.TRUE);
    }

    synchronized boolean isClosed(String key) {
        return keys.containsKey(key);
    }
}
