package io.caravan.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket: sends the handshake (with the headers a test chooses, e.g. a browser's
 * {@code Origin}), reads the answer's head and then reads nothing more unless asked, like a page that stopped
 * reading. Its receive buffer is small, so the server's writes back up after a few frames.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final String statusLine;

    private RawWebSocket(Socket socket, String statusLine) {
        this.socket = socket;
        this.statusLine = statusLine;
    }

    /** @param origin the {@code Origin} header to send, or null for none (not a browser) */
    public static RawWebSocket open(int port, String path, String origin) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect: the window offered to the server stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(socket.getInputStream());
        return new RawWebSocket(socket, head.lines().findFirst().orElse(""));
    }

    /** e.g. {@code HTTP/1.1 101 Switching Protocols} */
    public String statusLine() {
        return statusLine;
    }

    public boolean upgraded() {
        return statusLine.contains(" 101 ");
    }

    /**
     * Reads (and discards) everything the server sent until it closes the connection.
     *
     * @return bytes read, or -1 if the server did not close it within the timeout
     */
    public long readUntilClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65536];
        long total = 0;
        socket.setSoTimeout(1000);
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return total;
                }
                total += n;
            } catch (SocketTimeoutException e) {
                // nothing yet: read on until the deadline
            } catch (IOException e) {
                return total; // reset by the server: closed as well
            }
        }
        return -1;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
