package io.caravan.feed.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * Joins the frames of a WebSocket message into its text, keeping at most {@code maxBytes}: beyond that only the
 * first {@link #PREFIX_BYTES} are kept, and the message is refused as {@code too large} once its last frame is in.
 * A text message that is not UTF-8 is refused as {@code invalid utf-8}. A refused message is no reason to close the
 * connection: the next one is taken as usual. Runs on the socket's event loop.
 */
final class MessageAssembler {

    /** What a refused message's dead-letter record keeps of it. */
    static final int PREFIX_BYTES = 256;

    /** A whole message: its text and its size in bytes on the wire. */
    interface Message {
        void accept(String text, int bytes);
    }

    private final int maxBytes;
    private final Message onMessage;
    private final Consumer<TickRejectedException> onRefused;
    /** The message so far; null between messages; only its first PREFIX_BYTES once it is too large. */
    private Buffer data;
    private boolean text;
    private long length;
    private int frames;

    MessageAssembler(int maxBytes, Message onMessage, Consumer<TickRejectedException> onRefused) {
        this.maxBytes = maxBytes;
        this.onMessage = onMessage;
        this.onRefused = onRefused;
    }

    void frame(WebSocketFrame frame) {
        if (frame.isText() || frame.isBinary()) {
            data = Buffer.buffer();
            text = frame.isText();
            length = 0;
            frames = 0;
        } else if (!frame.isContinuation() || data == null) {
            return; // ping, pong and close are Vert.x's to answer
        }
        Buffer payload = frame.binaryData();
        length += payload.length();
        frames++;
        if (length <= maxBytes) {
            data.appendBuffer(payload);
        } else if (data.length() > PREFIX_BYTES) {
            data = data.getBuffer(0, PREFIX_BYTES);
        } else if (data.length() < PREFIX_BYTES) {
            data.appendBuffer(payload, 0, Math.min(payload.length(), PREFIX_BYTES - data.length()));
        }
        if (frame.isFinal()) {
            Buffer message = data;
            data = null;
            finish(message);
        }
    }

    private void finish(Buffer message) {
        if (length > maxBytes) {
            onRefused.accept(new TickRejectedException(RejectReason.TOO_LARGE, length + " bytes in " + frames
                    + (frames == 1 ? " frame" : " frames") + ", above caravan.websocket.max-frame-bytes=" + maxBytes,
                    prefix(message)));
        } else if (!text) {
            onMessage.accept(message.toString(), message.length());
        } else {
            ByteBuffer in = message.getByteBuf().nioBuffer();
            CharBuffer out = CharBuffer.allocate(message.length()); // UTF-8 never has fewer bytes than UTF-16 chars
            CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
            CoderResult result = strict.decode(in, out, true);
            if (result.isError()) {
                onRefused.accept(new TickRejectedException(RejectReason.INVALID_UTF_8, "malformed at byte "
                        + in.position() + " of " + message.length(), prefix(message)));
            } else {
                strict.flush(out);
                onMessage.accept(out.flip().toString(), message.length());
            }
        }
    }

    /** The first bytes as text, anything not UTF-8 replaced. */
    private static String prefix(Buffer message) {
        return message.getString(0, Math.min(message.length(), PREFIX_BYTES), StandardCharsets.UTF_8.name());
    }
}
