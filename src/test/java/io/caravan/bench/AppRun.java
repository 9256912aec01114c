package io.caravan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}) as a child process, the way users run it, measured
 * from outside: its log lines with the time they arrived, process CPU time read from /proc, and peak heap from its GC
 * log (the largest heap occupancy seen before a collection).
 */
final class AppRun implements AutoCloseable {

    record Line(long millis, String text) {
    }

    private static final Pattern GC_HEAP = Pattern.compile(" (\\d+)M->(\\d+)M\\(");

    private final Process process;
    private final Path gcLog;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private volatile double lastCpuSeconds;
    private final Thread cpuSampler;

    private AppRun(Process process, Path gcLog, Path logFile) throws IOException {
        this.process = process;
        this.gcLog = gcLog;
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(new Line(System.currentTimeMillis(), line));
                    log.println(line);
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                log.close();
            }
        }, "app-log");
        reader.setDaemon(true);
        reader.start();
        cpuSampler = new Thread(() -> {
            while (process.isAlive()) {
                double cpu = cpuSeconds(process.pid());
                if (cpu > 0) {
                    lastCpuSeconds = cpu;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "app-cpu");
        cpuSampler.setDaemon(true);
        cpuSampler.start();
    }

    /** Starts the app (a quarkus-app folder) in the project directory with these system properties and JVM options. */
    static AppRun start(String name, String appDir, Path runDir, Map<String, String> properties, List<String> jvmOptions) throws IOException {
        Files.createDirectories(runDir);
        Path gcLog = runDir.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog));
        command.addAll(jvmOptions);
        // Jolokia's fixed port 8778 may still be held by the run before
        command.add("-Dquarkus.camel.jolokia.server.port=0");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        Path ownRoutes = Path.of(appDir, "routes");
        if (Files.isDirectory(ownRoutes)) {
            // a build to compare with (bench.baseline) brings the routes it was made with
            command.add("-Dcamel.main.routes-include-pattern=file:" + ownRoutes.toAbsolutePath() + "/*.yaml");
        }
        command.addAll(List.of("-jar", Path.of(appDir, "quarkus-run.jar").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        System.out.println("  [" + name + "] started pid " + process.pid());
        return new AppRun(process, gcLog, runDir.resolve("app.log"));
    }

    long pid() {
        return process.pid();
    }

    /** Waits for a log line matching the pattern; returns the arrival time of the first match. */
    long awaitLine(Pattern pattern, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int from = 0;
        while (System.currentTimeMillis() < deadline) {
            List<Line> snapshot = List.copyOf(lines);
            for (int i = from; i < snapshot.size(); i++) {
                if (pattern.matcher(snapshot.get(i).text()).find()) {
                    return snapshot.get(i).millis();
                }
            }
            from = snapshot.size();
            if (!process.isAlive() && from == lines.size()) {
                throw new IllegalStateException("app ended before logging " + pattern);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out waiting for log line " + pattern);
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    int awaitExit(long timeoutMinutes) throws InterruptedException {
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroy();
            throw new IllegalStateException("app did not exit within " + timeoutMinutes + " min");
        }
        return process.exitValue();
    }

    double cpuSeconds() {
        double now = cpuSeconds(process.pid());
        return now > 0 ? now : lastCpuSeconds;
    }

    /** utime + stime of a live process, in seconds (USER_HZ = 100 on Linux). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The largest heap occupancy (MB) the GC log shows before any collection, or after the last one. */
    long peakHeapMb() throws IOException {
        long peak = 0;
        if (!Files.exists(gcLog)) {
            return -1;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return peak;
    }

    /** Live heap after a full collection, in MB (jcmd GC.run, then GC.heap_info). */
    long liveHeapMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        cpuSampler.interrupt();
    }
}
