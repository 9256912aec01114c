package io.caravan.sink;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** The {@link SinkStatus} of every active sink, in configuration order. */
@ApplicationScoped
public class SinkStatuses {

    private final Map<String, SinkStatus> statuses = new LinkedHashMap<>();

    public SinkStatuses(Sinks sinks) {
        for (String sink : sinks.active()) {
            statuses.put(sink, new SinkStatus());
        }
    }

    public SinkStatus of(String sink) {
        return statuses.computeIfAbsent(sink, s -> new SinkStatus());
    }

    public Map<String, SinkStatus> all() {
        return statuses;
    }
}
