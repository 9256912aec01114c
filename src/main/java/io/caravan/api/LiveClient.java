package io.caravan.api;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open page: at most one frame on its way to it (Vert.x completes a send once the frame is written to the
 * socket, which a page that does not read never lets happen), and a {@link LiveBacklog} of what changed meanwhile.
 */
final class LiveClient {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClient.class);
    private static final long IDLE = Long.MIN_VALUE;

    private final WebSocketConnection connection;
    private final LiveBacklog backlog = new LiveBacklog();
    /** System.nanoTime() when the frame on its way was handed to Vert.x, or IDLE */
    private final AtomicLong sendingSince = new AtomicLong(IDLE);

    LiveClient(WebSocketConnection connection) {
        this.connection = connection;
    }

    WebSocketConnection connection() {
        return connection;
    }

    LiveBacklog backlog() {
        return backlog;
    }

    boolean isSending() {
        return sendingSince.get() != IDLE;
    }

    /** How long the frame on its way has been, in nanoseconds; 0 when none is. */
    long sendingFor(long nanoTime) {
        long since = sendingSince.get();
        return since == IDLE ? 0 : nanoTime - since;
    }

    /** Hands the frame to Vert.x without waiting; the client is sending until it is written or failed. */
    void send(String text, long nanoTime) {
        sendingSince.set(nanoTime);
        connection.sendText(text).subscribe().with(ok -> sendingSince.set(IDLE), e -> {
            sendingSince.set(IDLE);
            LOG.debug("Live push to {} failed: {}", connection.id(), e.toString());
        });
    }
}
