package io.caravan.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/** Sends each frame, serialised once, to every open page. Frames are built even with no page open: alerts run. */
@ApplicationScoped
@Named("liveBroadcaster")
public class LiveBroadcaster {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBroadcaster.class);

    private final LiveUpdates updates;
    private final OpenConnections connections;
    private final ObjectMapper json;

    public LiveBroadcaster(LiveUpdates updates, OpenConnections connections, ObjectMapper json) {
        this.updates = updates;
        this.connections = connections;
        this.json = json;
    }

    public void push() throws JsonProcessingException {
        LiveFrame frame = updates.nextFrame();
        if (frame.isEmpty() || connections.listAll().isEmpty()) {
            return;
        }
        String text = json.writeValueAsString(frame);
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(text).subscribe().with(ok -> {
                }, e -> LOG.debug("Live push to {} failed: {}", connection.id(), e.toString()));
            }
        }
    }
}
