package io.caravan.jolokia;

/**
 * Time limits for the JDK's HTTP server (com.sun.net.httpserver), which Jolokia's agent runs on. Without them a
 * client that sends half a request line (or TLS bytes to the plain-HTTP port) holds a worker thread for as long as
 * it keeps the connection open. The server reads them once, when its first instance is created; a value set on the
 * command line ({@code -Dsun.net.httpserver.maxReqTime=...}) wins.
 */
final class JdkHttpServerTimeouts {

    /** Seconds a client has to send its request line and headers. */
    static final String MAX_REQUEST_SECONDS = "10";
    /** Seconds a client has to read a response. */
    static final String MAX_RESPONSE_SECONDS = "60";

    private JdkHttpServerTimeouts() {
    }

    static void applyDefaults() {
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
