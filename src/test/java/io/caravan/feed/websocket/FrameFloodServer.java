package io.caravan.feed.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import io.caravan.support.TestTrade;

/**
 * A Binance-shaped server that sends its first client, as fast as the client reads: {@link #PADDED} valid trade
 * frames of ~40 KB, then {@link #OVERSIZED} frames of 1 MB each followed by a valid trade, a 50 MB message in 1 MiB
 * fragments, a text frame with invalid UTF-8, then {@link #AFTER} more valid trades. Later connections get nothing;
 * its REST trades (the start-up backfill's) are empty.
 */
public class FrameFloodServer implements QuarkusTestResourceLifecycleManager {

    static final int PADDED = 400;
    static final int OVERSIZED = 20;
    static final int AFTER = 50;
    static final int FRAGMENT = 1 << 20;
    static final long FRAGMENTED_BYTES = 50L * FRAGMENT;
    static final long BASE_TS = (System.currentTimeMillis() / 3_600_000L - 2) * 3_600_000L;

    static final AtomicInteger connections = new AtomicInteger();
    static final List<TestTrade> valid = new ArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().startsWith("/api/v3/")) {
                // the start-up backfill asks Binance's REST trades: this exchange has none before its first frame
                request.response().putHeader("Content-Type", "application/json").end("[]");
                return;
            }
            request.toWebSocket().onSuccess(ws -> {
                if (connections.incrementAndGet() == 1) {
                    send(ws, script().iterator());
                }
            });
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return Map.of("caravan.binance.url", "ws://127.0.0.1:" + port);
    }

    /** One frame after the other, each once the previous one is written: TCP back-pressure reaches this server. */
    private static void send(ServerWebSocket ws, Iterator<Supplier<WebSocketFrame>> frames) {
        if (frames.hasNext() && !ws.isClosed()) {
            Future<Void> written = ws.writeFrame(frames.next().get());
            written.onSuccess(v -> send(ws, frames));
        }
    }

    private static List<Supplier<WebSocketFrame>> script() {
        valid.clear();
        List<Supplier<WebSocketFrame>> frames = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < PADDED; i++) {
            frames.add(text(trade(++id, 40_000, true)));
        }
        for (int i = 0; i < OVERSIZED; i++) {
            frames.add(text(trade(++id, 1_000_000, false)));
            frames.add(text(trade(++id, 0, true)));
        }
        Buffer fragment = Buffer.buffer(new byte[FRAGMENT]);
        for (int i = 0; i < FRAGMENT; i++) {
            fragment.setByte(i, (byte) 'x');
        }
        Buffer first = Buffer.buffer("{\"stream\":\"btcusdt@trade\",\"data\":{\"pad\":\"")
                .appendBuffer(fragment, 0, FRAGMENT - 41);
        frames.add(() -> new WebSocketFrameImpl(WebSocketFrameType.TEXT, first.getByteBuf(), false));
        for (int i = 1; i < FRAGMENTED_BYTES / FRAGMENT; i++) {
            boolean last = i == FRAGMENTED_BYTES / FRAGMENT - 1;
            frames.add(() -> WebSocketFrame.continuationFrame(fragment, last));
        }
        byte[] utf8 = trade(++id, 0, false).getBytes(StandardCharsets.UTF_8);
        int at = new String(utf8, StandardCharsets.UTF_8).indexOf("BTCUSDT") + 3;
        byte[] invalid = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, invalid, 0, at);
        invalid[at] = (byte) 0xC3; // a two-byte sequence's lead byte followed by '(' is no UTF-8
        invalid[at + 1] = (byte) '(';
        System.arraycopy(utf8, at, invalid, at + 2, utf8.length - at);
        frames.add(() -> new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(invalid), true));
        for (int i = 0; i < AFTER; i++) {
            frames.add(text(trade(++id, 0, true)));
        }
        return frames;
    }

    /** A Binance combined-stream trade frame with {@code pad} filler characters; {@code valid} ones are expected. */
    private static String trade(int id, int pad, boolean valid) {
        long ts = BASE_TS + id * 1_000L;
        String price = (100 + id % 7) + ".5";
        if (valid) {
            FrameFloodServer.valid.add(new TestTrade("BTCUSDT", ts, new java.math.BigDecimal(price),
                    java.math.BigDecimal.ONE, id));
        }
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + ts + ",\"s\":\"BTCUSDT\",\"t\":" + id
                + ",\"p\":\"" + price + "\",\"q\":\"1\",\"T\":" + ts + ",\"m\":false,\"pad\":\"" + "x".repeat(pad) + "\"}}";
    }

    private static Supplier<WebSocketFrame> text(String frame) {
        return () -> WebSocketFrame.textFrame(frame, true);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
