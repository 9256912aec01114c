package io.caravan.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.CaravanConfig;

/**
 * Sends each frame to every open page without waiting (route {@code live-push}, a timer thread of its own, never
 * the ingestion's). A page whose previous frame is not written yet gets nothing now: the frame goes into its
 * backlog, coalesced, and is sent with the rest once the page has caught up; a page behind for longer than
 * {@code caravan.dashboard.slow-client-timeout} is disconnected. Pages that keep up share one serialisation of the
 * frame. Frames are built even with no page open: alerts run.
 */
@ApplicationScoped
@Named("liveBroadcaster")
public class LiveBroadcaster {

    private final LiveUpdates updates;
    private final LiveClients clients;
    private final ObjectMapper json;
    private final long slowClientNanos;

    public LiveBroadcaster(LiveUpdates updates, LiveClients clients, ObjectMapper json, CaravanConfig config) {
        this.updates = updates;
        this.clients = clients;
        this.json = json;
        this.slowClientNanos = config.dashboard().slowClientTimeout().toNanos();
    }

    public void push() throws JsonProcessingException {
        LiveFrame frame = updates.nextFrame(!clients.all().isEmpty());
        String shared = null;
        long now = System.nanoTime();
        for (LiveClient client : clients.all()) {
            if (client.isSending()) {
                client.backlog().add(frame);
                long behind = client.sendingFor(now);
                if (behind > slowClientNanos) {
                    clients.drop(client, behind / 1_000_000);
                }
            } else if (!client.backlog().isEmpty()) {
                client.backlog().add(frame);
                client.send(json.writeValueAsString(client.backlog().drain(frame.sentAt())), now);
            } else if (!frame.isEmpty()) {
                if (shared == null) {
                    shared = json.writeValueAsString(frame);
                }
                client.send(shared, now);
            }
        }
    }
}
