package io.caravan.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A redis-server of a test's own on port 19151 with an append-only file under target/, which the test may stop and
 * start again (the shared Redis on 6379 must never be restarted). Persistence is on, fsync on every write: what Redis
 * acknowledged before it stopped is there after it starts.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = 19151;
    public static final String URL = "redis://127.0.0.1:" + PORT;
    static final Path DIR = Path.of("target/private-redis-" + PORT).toAbsolutePath();
    private static volatile Process server;

    @Override
    public Map<String, String> start() {
        Await.deleteTree(DIR);
        startServer();
        return Map.of("caravan.redis.url", URL);
    }

    @Override
    public void stop() {
        stopServer();
        Await.deleteTree(DIR);
    }

    public static synchronized void startServer() {
        try {
            Files.createDirectories(DIR);
            server = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(PORT), "--bind", "127.0.0.1",
                    "--dir", DIR.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                    "--protected-mode", "no")).redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is required for this test", e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (RedisTestClient redis = RedisTestClient.connect(URL)) {
                return "PONG".equals(redis.send("PING").toString());
            }
        });
    }

    /** SHUTDOWN (the append-only file is complete), then waits for the process to end. */
    public static synchronized void stopServer() {
        if (server == null || !server.isAlive()) {
            return;
        }
        try (RedisTestClient redis = RedisTestClient.connect(URL)) {
            redis.send("SHUTDOWN");
        } catch (RuntimeException expected) {
            // the connection closes as the server goes
        }
        try {
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
