package io.caravan.sink;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The endpoint URI each user sink writes to now. Its route looks the URI up for every bar, so a new URI from an edited
 * application.properties takes effect with the next bar, without restarting the route or touching its queue.
 */
@ApplicationScoped
public class UserSinkUris {

    private final Map<String, String> uris = new ConcurrentHashMap<>();

    public UserSinkUris(Sinks sinks) {
        uris.putAll(sinks.userSinks());
    }

    public Set<String> names() {
        return Set.copyOf(uris.keySet());
    }

    /** Called by the sink's route for each bar. */
    public String of(String sink) {
        String uri = uris.get(sink);
        if (uri == null) {
            throw new IllegalStateException("no user sink '" + sink + "'");
        }
        return uri;
    }

    void set(String sink, String uri) {
        uris.replace(sink, uri);
    }
}
