package io.caravan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP forwarder in front of a real server, which a test can take down and bring back on the same port: to the
 * client it looks exactly like the server restarting (connections cut, then refused, then accepted again).
 */
public final class TcpProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile NetServer server;

    public TcpProxy(int port, String targetHost, int targetPort) {
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        server = await(vertx.createNetServer().connectHandler(this::forward).listen(port, "127.0.0.1"));
    }

    /** Stops listening and cuts every open connection. */
    public synchronized void stop() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    private void forward(NetSocket client) {
        client.pause();
        vertx.createNetClient().connect(targetPort, targetHost).onSuccess(upstream -> {
            sockets.add(client);
            sockets.add(upstream);
            client.closeHandler(v -> sockets.remove(client));
            upstream.closeHandler(v -> sockets.remove(upstream));
            client.pipeTo(upstream);
            upstream.pipeTo(client);
            client.resume();
        }).onFailure(e -> client.close());
    }

    @Override
    public void close() {
        stop();
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
