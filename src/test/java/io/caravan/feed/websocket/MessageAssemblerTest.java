package io.caravan.feed.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

class MessageAssemblerTest {

    private final List<String> messages = new ArrayList<>();
    private final List<TickRejectedException> refused = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(1000, (text, bytes) -> {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, bytes, "bytes on the wire");
        messages.add(text);
    }, refused::add);

    @Test
    void fragmentsUpToTheLimitAreOneMessage() {
        assembler.frame(WebSocketFrame.textFrame("é".repeat(250), false)); // 500 bytes
        assembler.frame(WebSocketFrame.pingFrame(Buffer.buffer("p"))); // a control frame between fragments
        assembler.frame(WebSocketFrame.continuationFrame(Buffer.buffer("x".repeat(500)), true));
        assertEquals(List.of("é".repeat(250) + "x".repeat(500)), messages);
        assertEquals(List.of(), refused);
    }

    @Test
    void aMessageAboveTheLimitIsRefusedWithItsLengthAndPrefixAndTheNextOneIsTaken() {
        assembler.frame(WebSocketFrame.textFrame("a".repeat(600), false));
        assembler.frame(WebSocketFrame.continuationFrame(Buffer.buffer("b".repeat(600)), false));
        assembler.frame(WebSocketFrame.continuationFrame(Buffer.buffer("c".repeat(600)), true));
        assembler.frame(WebSocketFrame.textFrame("next", true));
        assertEquals(1, refused.size());
        assertEquals(RejectReason.TOO_LARGE, refused.get(0).reason());
        assertEquals("too large: 1800 bytes in 3 frames, above caravan.websocket.max-frame-bytes=1000",
                refused.get(0).getMessage());
        assertEquals("a".repeat(MessageAssembler.PREFIX_BYTES), refused.get(0).raw());
        assertEquals(List.of("next"), messages);
    }

    @Test
    void aTextMessageThatIsNotUtf8IsRefused() {
        byte[] bytes = "{\"s\":\"BTC..USDT\"}".getBytes(StandardCharsets.US_ASCII);
        bytes[9] = (byte) 0xC3; // a lead byte followed by '.', not a continuation byte
        assembler.frame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(bytes), true));
        assembler.frame(WebSocketFrame.binaryFrame(Buffer.buffer("{\"ok\":1}"), true));
        assertEquals(1, refused.size());
        assertEquals(RejectReason.INVALID_UTF_8, refused.get(0).reason());
        assertEquals("invalid utf-8: malformed at byte 9 of 17", refused.get(0).getMessage());
        assertEquals("{\"s\":\"BTC\uFFFD.USDT\"}", refused.get(0).raw());
        assertEquals(List.of("{\"ok\":1}"), messages);
    }
}
