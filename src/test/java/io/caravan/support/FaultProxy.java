package io.caravan.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP forwarder between caravan and the exchange simulator that breaks what passes through it the ways networks
 * and exchanges do, on command:
 * <ul>
 * <li>{@link #cutMidFrame()}: every WebSocket connection is cut in the middle of the next piece of data the server
 * sends (half of it is forwarded, then both sides are closed), so the client holds part of a frame; the cuts that
 * landed inside a frame are counted (the proxy follows the server's frame boundaries);</li>
 * <li>{@link #cutInSubscription()}: the connections are cut, and the next one again while it subscribes (Finnhub:
 * just after its first subscribe message reached the server; Binance, whose streams are in the URL: in the
 * handshake);</li>
 * <li>{@link #cutInGapFill()}: the connections are cut, and all of them again when the next trades request (the
 * gap-fill of that cut) is on its way to the server;</li>
 * <li>{@link #stall()}: the connections stay open but nothing passes any more, either way (a dead flow: no close,
 * no data, no answer to pings);</li>
 * <li>{@link #duplicateAndSwap}: on connections opened from then on, every n-th trade frame is sent twice, every
 * m-th is held back and sent after the next one.</li>
 * </ul>
 * Everything runs on the proxy's own Vert.x; commands come from any thread.
 */
public final class FaultProxy implements AutoCloseable {

    /** Where a cut may happen, per dialect. */
    public enum Dialect {
        FINNHUB,
        BINANCE
    }

    private final Vertx vertx = Vertx.vertx();
    private final int port;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile NetServer server;
    private volatile boolean subscriptionCutArmed;
    private volatile boolean gapFillCutArmed;
    private volatile int duplicateEvery;
    private volatile int swapEvery;

    private final AtomicLong websocketConnections = new AtomicLong();
    private final AtomicLong cutsMidFrame = new AtomicLong();
    private final AtomicLong cutsBetweenFrames = new AtomicLong();
    private final AtomicLong cutsInSubscription = new AtomicLong();
    private final AtomicLong cutsInGapFill = new AtomicLong();
    private final AtomicLong tradeRequests = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final AtomicLong framesDuplicated = new AtomicLong();
    private final AtomicLong tradesDuplicated = new AtomicLong();
    private final AtomicLong framesSwapped = new AtomicLong();

    public FaultProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public synchronized FaultProxy start() {
        server = await(vertx.createNetServer().connectHandler(this::accept).listen(port, "127.0.0.1"));
        return this;
    }

    public int port() {
        return port;
    }

    // ---- faults ----

    public void cutMidFrame() {
        forEachWebsocket(Link::cutMidFrame);
    }

    public void cutInSubscription() {
        subscriptionCutArmed = true;
        forEachWebsocket(link -> link.cutNow(null));
    }

    public void cutInGapFill() {
        gapFillCutArmed = true;
        forEachWebsocket(link -> link.cutNow(null));
    }

    public void stall() {
        forEachWebsocket(Link::stall);
    }

    /** 0 = off; applies to the trade frames of every WebSocket connection from now on. */
    public void duplicateAndSwap(int duplicateEvery, int swapEvery) {
        this.duplicateEvery = duplicateEvery;
        this.swapEvery = swapEvery;
    }

    /** No fault armed any more (a cut already under way still happens). */
    public void disarm() {
        subscriptionCutArmed = false;
        gapFillCutArmed = false;
        duplicateEvery = 0;
        swapEvery = 0;
    }

    // ---- what happened ----

    public long websocketConnections() {
        return websocketConnections.get();
    }

    public long cutsMidFrame() {
        return cutsMidFrame.get();
    }

    public long cutsBetweenFrames() {
        return cutsBetweenFrames.get();
    }

    public long cutsInSubscription() {
        return cutsInSubscription.get();
    }

    public long cutsInGapFill() {
        return cutsInGapFill.get();
    }

    public long tradeRequests() {
        return tradeRequests.get();
    }

    public long stalls() {
        return stalls.get();
    }

    public long framesDuplicated() {
        return framesDuplicated.get();
    }

    /** Trades in the frames sent twice. */
    public long tradesDuplicated() {
        return tradesDuplicated.get();
    }

    public long framesSwapped() {
        return framesSwapped.get();
    }

    /** Open WebSocket connections that are not stalled. */
    public long liveWebsockets() {
        return links.stream().filter(l -> l.websocket && !l.stalled && !l.closed).count();
    }

    private void forEachWebsocket(java.util.function.Consumer<Link> action) {
        for (Link link : links) {
            if (link.websocket) {
                link.context.runOnContext(v -> action.accept(link));
            }
        }
    }

    private void accept(NetSocket client) {
        client.pause();
        Context context = Vertx.currentContext();
        vertx.createNetClient().connect(targetPort, "127.0.0.1").onSuccess(upstream -> {
            Link link = new Link(context, client, upstream);
            links.add(link);
            client.handler(link::fromClient);
            upstream.handler(link::fromServer);
            client.closeHandler(v -> link.close());
            upstream.closeHandler(v -> link.close());
            client.exceptionHandler(e -> link.close());
            upstream.exceptionHandler(e -> link.close());
            client.resume();
        }).onFailure(e -> client.close());
    }

    /** One client connection and its upstream; all on one event loop. */
    private final class Link {
        final Context context;
        final NetSocket client;
        final NetSocket upstream;
        volatile boolean websocket;
        boolean binance;
        boolean decided;
        /** server's handshake answer read; frames follow */
        boolean upgraded;
        boolean frameMode;
        Buffer serverHead = Buffer.buffer();
        final FrameTracker tracker = new FrameTracker();
        final FrameSplitter splitter = new FrameSplitter();
        int clientChunks;
        boolean subscriptionCut;
        boolean cutPending;
        volatile boolean stalled;
        volatile boolean closed;
        long tradeFrames;
        Buffer heldBack;

        Link(Context context, NetSocket client, NetSocket upstream) {
            this.context = context;
            this.client = client;
            this.upstream = upstream;
        }

        void fromClient(Buffer data) {
            if (closed || stalled) {
                return;
            }
            clientChunks++;
            if (!decided) {
                decided = true;
                String head = data.getString(0, Math.min(data.length(), 4096), StandardCharsets.ISO_8859_1.name());
                websocket = head.toLowerCase(Locale.ROOT).contains("upgrade: websocket");
                binance = head.startsWith("GET /stream");
                if (websocket) {
                    websocketConnections.incrementAndGet();
                    if (subscriptionCutArmed) {
                        subscriptionCutArmed = false;
                        subscriptionCut = true;
                    }
                }
            }
            if (!websocket) {
                String text = data.getString(0, Math.min(data.length(), 4096), StandardCharsets.ISO_8859_1.name());
                if (text.contains("GET /api/v1/stock/tick") || text.contains("GET /api/v3/aggTrades")) {
                    tradeRequests.incrementAndGet();
                    if (gapFillCutArmed) {
                        gapFillCutArmed = false;
                        cutsInGapFill.incrementAndGet();
                        forEachWebsocket(link -> link.cutNow(null));
                    }
                }
            }
            upstream.write(data);
            if (subscriptionCut && !binance && clientChunks == 2) {
                // the first subscribe message went through; the others never will on this connection
                cutNow(cutsInSubscription);
            }
        }

        void fromServer(Buffer data) {
            if (closed || stalled) {
                return;
            }
            if (!websocket || !upgraded) {
                if (websocket) {
                    int end = headEnd(data);
                    if (end < 0) {
                        serverHead.appendBuffer(data);
                        if (subscriptionCut && binance) {
                            cutNow(cutsInSubscription);
                            return;
                        }
                        client.write(data);
                        return;
                    }
                    if (subscriptionCut && binance) {
                        // the handshake's answer never arrives: the streams named in its URL are not subscribed
                        cutNow(cutsInSubscription);
                        return;
                    }
                    upgraded = true;
                    // frames are taken whole only on connections opened while duplicating or swapping: a frame
                    // stream can only be split from its start
                    frameMode = duplicateEvery > 0 || swapEvery > 0;
                    client.write(data.getBuffer(0, end));
                    data = data.getBuffer(end, data.length());
                    if (data.length() == 0) {
                        return;
                    }
                } else {
                    client.write(data);
                    return;
                }
            }
            if (cutPending && !frameMode) {
                int half = Math.max(1, data.length() / 2);
                client.write(data.getBuffer(0, half));
                tracker.feed(data, 0, half);
                cutNow(tracker.atBoundary() ? cutsBetweenFrames : cutsMidFrame);
                return;
            }
            if (frameMode) {
                for (Buffer frame : splitter.frames(data)) {
                    forwardFrame(frame);
                }
                return;
            }
            tracker.feed(data, 0, data.length());
            client.write(data);
        }

        /** A whole frame in duplicate/swap mode. */
        private void forwardFrame(Buffer frame) {
            String text = FrameSplitter.textOf(frame);
            boolean trade = text != null && (text.contains("\"type\":\"trade\"") || text.contains("\"e\":\"trade\""));
            if (!trade) {
                flushHeld();
                client.write(frame);
                return;
            }
            tradeFrames++;
            int dup = duplicateEvery;
            int swap = swapEvery;
            if (heldBack == null && swap > 0 && tradeFrames % swap == 0) {
                heldBack = frame;
                framesSwapped.incrementAndGet();
                return;
            }
            client.write(frame);
            flushHeld();
            if (dup > 0 && tradeFrames % dup == 0) {
                client.write(frame);
                framesDuplicated.incrementAndGet();
                tradesDuplicated.addAndGet(countOf(text, text.contains("\"type\":\"trade\"") ? "\"p\":" : "\"e\":\"trade\""));
            }
        }

        private void flushHeld() {
            if (heldBack != null) {
                client.write(heldBack);
                heldBack = null;
            }
        }

        void cutMidFrame() {
            if (closed || stalled) {
                return;
            }
            cutPending = true;
            // a connection with nothing on its way is cut anyway, between frames
            vertx.setTimer(200, id -> {
                if (!closed) {
                    cutNow(cutsBetweenFrames);
                }
            });
        }

        void stall() {
            if (!closed && !stalled) {
                stalled = true;
                stalls.incrementAndGet();
            }
        }

        void cutNow(AtomicLong counter) {
            if (closed) {
                return;
            }
            if (counter != null) {
                counter.incrementAndGet();
            }
            close();
        }

        void close() {
            if (!closed) {
                closed = true;
                links.remove(this);
                client.close();
                upstream.close();
            }
        }
    }

    private static int headEnd(Buffer data) {
        for (int i = 0; i + 3 < data.length(); i++) {
            if (data.getByte(i) == '\r' && data.getByte(i + 1) == '\n' && data.getByte(i + 2) == '\r'
                    && data.getByte(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static long countOf(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Follows the frame boundaries of a WebSocket byte stream (RFC 6455 framing), without keeping the bytes. */
    static final class FrameTracker {
        private final byte[] head = new byte[14];
        private int have;
        private int need = 2;
        private long payloadLeft;

        void feed(Buffer data, int from, int to) {
            int i = from;
            while (i < to) {
                if (payloadLeft > 0) {
                    long skip = Math.min(payloadLeft, to - i);
                    payloadLeft -= skip;
                    i += (int) skip;
                    continue;
                }
                head[have++] = data.getByte(i++);
                if (have == 2) {
                    need = FrameSplitter.headLength(head[1]);
                }
                if (have == need) {
                    payloadLeft = FrameSplitter.payloadLength(head);
                    have = 0;
                    need = 2;
                }
            }
        }

        boolean atBoundary() {
            return have == 0 && payloadLeft == 0;
        }
    }

    /** Cuts a WebSocket byte stream into whole frames, holding an incomplete one until the rest arrives. */
    static final class FrameSplitter {
        private Buffer pending = Buffer.buffer();

        List<Buffer> frames(Buffer data) {
            pending.appendBuffer(data);
            List<Buffer> frames = new ArrayList<>();
            int at = 0;
            while (pending.length() - at >= 2) {
                byte[] head = new byte[14];
                int headLength = headLength(pending.getByte(at + 1));
                if (pending.length() - at < headLength) {
                    break;
                }
                for (int i = 0; i < headLength; i++) {
                    head[i] = pending.getByte(at + i);
                }
                long total = headLength + payloadLength(head);
                if (pending.length() - at < total) {
                    break;
                }
                frames.add(pending.getBuffer(at, at + (int) total));
                at += (int) total;
            }
            pending = pending.getBuffer(at, pending.length());
            return frames;
        }

        static int headLength(byte second) {
            int len7 = second & 0x7f;
            return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
        }

        static long payloadLength(byte[] head) {
            int len7 = head[1] & 0x7f;
            if (len7 == 126) {
                return ((head[2] & 0xffL) << 8) | (head[3] & 0xffL);
            }
            if (len7 == 127) {
                long n = 0;
                for (int i = 2; i < 10; i++) {
                    n = (n << 8) | (head[i] & 0xffL);
                }
                return n;
            }
            return len7;
        }

        /** The text of a whole unmasked text frame with FIN set, else null. */
        static String textOf(Buffer frame) {
            byte first = frame.getByte(0);
            byte second = frame.getByte(1);
            if ((first & 0x80) == 0 || (first & 0x0f) != 1 || (second & 0x80) != 0) {
                return null;
            }
            return frame.getString(headLength(second), frame.length(), StandardCharsets.UTF_8.name());
        }
    }

    @Override
    public void close() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        links.forEach(link -> link.context.runOnContext(v -> link.close()));
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
