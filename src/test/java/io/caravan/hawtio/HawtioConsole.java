package io.caravan.hawtio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's Hawtio console ({@code hawtio/run}) as a child process: the same script a user runs, on its own port.
 * The first run copies the war and Jetty from the local Maven repository into target/hawtio.
 */
final class HawtioConsole implements AutoCloseable {

    private final Process process;
    private final int port;

    private HawtioConsole(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static HawtioConsole start(int port, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("hawtio/run")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/hawtio-console.log").toFile());
        builder.environment().put("HAWTIO_PORT", Integer.toString(port));
        HawtioConsole console = new HawtioConsole(builder.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!console.process.isAlive()) {
                throw new IllegalStateException("hawtio/run exited with " + console.process.exitValue()
                        + "; see target/hawtio-console.log");
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(console.url("/hawtio/")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return console;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        console.close();
        throw new IllegalStateException("Hawtio did not answer within " + timeout + "; see target/hawtio-console.log");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }
}
