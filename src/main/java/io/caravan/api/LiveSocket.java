package io.caravan.api;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;

/**
 * The page's live channel: the server pushes {@link LiveFrame}s ({@link LiveBroadcaster}); the client sends nothing.
 */
@WebSocket(path = "/api/live")
public class LiveSocket {

    @OnOpen
    public String onOpen() {
        return "{\"type\":\"hello\"}";
    }
}
