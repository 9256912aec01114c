package io.caravan.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK client refuses to make (a foreign {@code Host} header) and for
 * clients that stop half-way. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, Map<String, String> headers, String body) {

        /** The header's value, case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private RawHttp() {
    }

    /** Sends {@code method path} to 127.0.0.1:port with the given headers (Host defaults to 127.0.0.1:port). */
    public static Answer send(int port, String method, String path, Map<String, String> headers, Duration timeout) {
        return send(port, method, path, headers, "", timeout);
    }

    public static Answer send(int port, String method, String path, Map<String, String> headers, String body,
            Duration timeout) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.putAll(headers);
        all.put("Connection", "close");
        if (content.length > 0) {
            all.put("Content-Type", "application/json");
            all.put("Content-Length", Integer.toString(content.length));
        }
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer get(int port, String path, Map<String, String> headers) {
        return send(port, "GET", path, headers, Duration.ofSeconds(30));
    }

    public static Answer post(int port, String path, Map<String, String> headers, String json) {
        return send(port, "POST", path, headers, json, Duration.ofSeconds(30));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A connection that sent these bytes and then nothing more, until closed. */
    public static Socket hold(int port, byte[] firstBytes) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.getOutputStream().write(firstBytes);
        socket.getOutputStream().flush();
        return socket;
    }

    /** True once the server has closed this held connection (reads end of stream or a reset). */
    public static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            // the JDK HTTP server closes a connection past its time limit without answering
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static Answer parse(byte[] bytes) {
        // one char per byte, so that chunk sizes count bytes; the body is decoded as UTF-8 at the end
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.put(name, lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(status, headers, new String(bodyBytes, StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
