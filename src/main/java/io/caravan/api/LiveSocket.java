package io.caravan.api;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The page's live channel: the server pushes {@link LiveFrame}s ({@link LiveBroadcaster}); the client sends nothing.
 * Only pages of caravan's own origin may open it ({@link LiveOriginCheck}).
 */
@WebSocket(path = LiveSocket.PATH)
public class LiveSocket {

    static final String PATH = "/api/live";

    private final LiveClients clients;

    public LiveSocket(LiveClients clients) {
        this.clients = clients;
    }

    @OnOpen
    public String onOpen(WebSocketConnection connection) {
        clients.opened(connection);
        return "{\"type\":\"hello\"}";
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        clients.closed(connection);
    }
}
