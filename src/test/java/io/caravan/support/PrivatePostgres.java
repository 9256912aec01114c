package io.caravan.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A PostgreSQL cluster of a test's own (its own port and data dir), made with the Debian binaries, which the test can
 * stop and start: the shared instance on 5432 is used by other tests at the same time and must never be stopped.
 * We run as root, so the binaries run as the {@code postgres} OS user.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private final Path bin;

    public PrivatePostgres(int port) {
        this.port = port;
        this.dataDir = Path.of("/tmp/caravan-pg-" + port);
        this.bin = binaries();
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public static String user() {
        return "postgres";
    }

    /** A fresh cluster (any earlier one on this port stopped and removed), started. */
    public PrivatePostgres init() {
        stopQuietly();
        deleteTree(dataDir);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run("chown", "postgres:postgres", dataDir.toString());
        asPostgres(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8");
        start();
        return this;
    }

    public void start() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-l",
                dataDir.resolve("log").toString(), "-o",
                "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(this::accepting);
    }

    /** Fast shutdown: sessions are ended (their clients see 57P01 or a closed socket), as in a maintenance restart. */
    public void stop() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-m", "fast",
                "stop");
    }

    public boolean accepting() throws SQLException {
        try (Connection c = OutputBars.connect(url(), user())) {
            return c.isValid(2);
        }
    }

    @Override
    public void close() {
        stopQuietly();
        deleteTree(dataDir);
    }

    private void stopQuietly() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                stop();
            } catch (RuntimeException ignored) {
                // not running
            }
        }
    }

    private static Path binaries() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow().resolve("bin");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL binaries are required under /usr/lib/postgresql", e);
        }
    }

    private static void asPostgres(String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(Arrays.asList(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        Await.deleteTree(dir);
    }
}
