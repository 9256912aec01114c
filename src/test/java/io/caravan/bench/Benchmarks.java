package io.caravan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.support.LeanTicks;
import io.caravan.support.SharedData;
import io.caravan.support.TestTrade;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The benchmark: every figure of issue 8 in one run, against the packaged app, with the plain-Java floor measured in
 * the same run. Run by {@code bench/run} (see README "Benchmarks"); options are system properties (bench.*), listed
 * in {@link #main}. Writes a table to stdout and {@code docs/benchmarks.md}.
 */
public final class Benchmarks {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "caravan_bench";
    static final String PREFIX = "bench:";
    static final String REDIS_URL = "redis://127.0.0.1:6379";
    static final int SIM_PORT = 18790;
    static final long GRACE_MS = 2_000;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path work = Path.of("target", "bench").toAbsolutePath();
    private final String app = System.getProperty("bench.app", "target/quarkus-app");
    private final String baseline = System.getProperty("bench.baseline", "");
    private final long syntheticTicks = Long.getLong("bench.ticks", 1_000_000);
    private final int symbols = Integer.getInteger("bench.symbols", 1_000);
    private final int burstSymbols = Integer.getInteger("bench.burst-symbols", 10_000);
    private final int latencyMinutes = Integer.getInteger("bench.latency-minutes", 2);
    private final int memoryMinutes = Integer.getInteger("bench.memory-minutes", 5);
    private final List<String> parts = List.of(System.getProperty("bench.parts", "throughput,burst,latency,memory").split(","));
    private final List<String> jvmOptions = System.getProperty("bench.jvm", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.jvm").trim().split("\\s+"));

    private final List<String[]> throughput = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, REDIS_URL);

    public static void main(String[] args) throws Exception {
        Benchmarks bench = new Benchmarks();
        try {
            bench.run();
        } finally {
            bench.redis.close();
            bench.vertx.close();
        }
        System.exit(0);
    }

    /**
     * A sparse universe from real trades: the trades in time order, the n-th given to symbol {@code S<n mod count>},
     * so each symbol trades now and then and nearly every trade opens bars of its own.
     */
    static List<TestTrade> dealtOver(int count, List<TestTrade> trades) {
        List<String> names = SyntheticTicks.symbols(count);
        List<TestTrade> dealt = new ArrayList<>(trades.size());
        for (TestTrade t : trades) {
            dealt.add(new TestTrade(names.get((int) (t.order() % count)), t.ts(), t.price(), t.size(), t.order()));
        }
        return dealt;
    }

    void run() throws Exception {
        String started = Instant.now().toString();
        Files.createDirectories(work);
        if (parts.contains("throughput")) {
            List<Input> inputs = new ArrayList<>();
            List<Input> replayOnly = new ArrayList<>();
            if (SharedData.present(LeanTicks.file("AIG", "20131007"))) {
                Path lean = work.resolve("lean-2days.csv");
                if (!Files.exists(lean)) {
                    LeanTicks.writeReplayCsv(LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008")), lean);
                }
                inputs.add(Input.of("real: Lean AIG+BAC 2 days", lean));
                Path sparse = work.resolve("lean-2days-sparse-" + symbols + ".csv");
                if (!Files.exists(sparse)) {
                    LeanTicks.writeReplayCsv(dealtOver(symbols,
                            LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008"))), sparse);
                }
                // by replay only: over the WebSocket, the simulator's rate is what such a row would show
                replayOnly.add(Input.of(String.format(Locale.ROOT,
                        "real, sparse: the same trades dealt round-robin over %,d symbols (about one bar per trade)",
                        symbols), sparse));
            } else {
                notes.add("The recorded data (../shared/data) is absent: the real-tick rows are missing.");
            }
            Path synthetic = work.resolve("synthetic-" + syntheticTicks + "-" + symbols + ".csv");
            if (!Files.exists(synthetic)) {
                SyntheticTicks.write(synthetic, syntheticTicks, symbols);
            }
            inputs.add(Input.of(String.format(Locale.ROOT, "synthetic: %,d ticks, %,d symbols", syntheticTicks, symbols), synthetic));
            for (Input input : inputs) {
                Floor floor = floor(input);
                replay(input, app, "caravan replay", floor);
                if (!baseline.isBlank()) {
                    replay(input, baseline, "baseline replay", floor);
                }
                overWebSocket(input, app, "caravan over WebSocket", floor);
                if (!baseline.isBlank()) {
                    overWebSocket(input, baseline, "baseline over WebSocket", floor);
                }
            }
            for (Input input : replayOnly) {
                Floor floor = floor(input);
                replay(input, app, "caravan replay", floor);
                if (!baseline.isBlank()) {
                    replay(input, baseline, "baseline replay", floor);
                }
            }
        }
        if (parts.contains("burst")) {
            burst();
        }
        if (parts.contains("latency")) {
            latency();
        }
        if (parts.contains("memory")) {
            memory();
        }
        report(started);
    }

    record Input(String name, Path file, long ticks, List<String> symbols, String lastSymbol, long lastTs) {
        static Input of(String name, Path file) throws IOException {
            long ticks = 0;
            List<String> symbols = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            String last = "";
            try (var lines = Files.lines(file)) {
                var it = lines.skip(1).iterator();
                while (it.hasNext()) {
                    last = it.next();
                    ticks++;
                    String symbol = last.split(",", 3)[1];
                    if (seen.add(symbol)) {
                        symbols.add(symbol);
                    }
                }
            }
            String[] c = last.split(",");
            return new Input(name, file, ticks, symbols, c[1], Long.parseLong(c[0]));
        }
    }

    record Floor(double ticksPerSecond, long bars, double cpuSeconds) {
    }

    // ---------------------------------------------------------------------------------------------------------------

    Floor floor(Input input) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/usr/bin/time", "-f", "cpu %U %S", java, "-cp",
                "target/classes:target/test-classes", PlainJavaFloor.class.getName(), input.file().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("(\\d+) trades -> (\\d+) bars in ([\\d.]+) s \\((\\d+) trades/s\\)").matcher(out);
        Matcher cpu = Pattern.compile("cpu ([\\d.]+) ([\\d.]+)").matcher(out);
        if (!m.find() || !cpu.find()) {
            throw new IllegalStateException("floor output not understood: " + out);
        }
        Floor floor = new Floor(Double.parseDouble(m.group(4)), Long.parseLong(m.group(2)),
                Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)));
        throughput.add(new String[] { input.name(), "plain-Java floor", fmt(floor.ticksPerSecond()), "1.00",
                String.format(Locale.ROOT, "%.1f", floor.cpuSeconds()), "-", Long.toString(floor.bars()) });
        System.out.printf("  floor %s: %.0f ticks/s, %d bars%n", input.name(), floor.ticksPerSecond(), floor.bars());
        return floor;
    }

    void replay(Input input, String appDir, String label, Floor floor) throws Exception {
        String run = "replay-" + Math.abs(input.name().hashCode()) + "-" + label.split(" ")[0];
        Path dir = cleanRun(run);
        Map<String, String> props = common(dir);
        props.put("caravan.feeds", "replay");
        props.put("caravan.replay.file", input.file().toString());
        props.put("caravan.replay.speed", "max");
        props.put("caravan.replay.exit-when-done", "true");
        try (AppRun app = AppRun.start(label, appDir, dir, props, jvmOptions)) {
            int exit = app.awaitExit(60);
            JsonNode summary = JSON.readTree(dir.resolve("data").resolve("replay-summary.json").toFile());
            double seconds = summary.get("seconds").asDouble();
            long trades = summary.get("trades").asLong();
            double rate = trades / seconds;
            long bars = countBars();
            throughput.add(new String[] { input.name(), label + (exit == 0 ? "" : " (exit " + exit + ")"), fmt(rate),
                    String.format(Locale.ROOT, "%.3f", rate / floor.ticksPerSecond()),
                    String.format(Locale.ROOT, "%.1f", app.cpuSeconds()), Long.toString(app.peakHeapMb()), Long.toString(bars) });
            System.out.printf("  %s %s: %.0f ticks/s (%d trades in %.1f s), %d bars in PostgreSQL%n", label, input.name(),
                    rate, trades, seconds, bars);
        }
    }

    void overWebSocket(Input input, String appDir, String label, Floor floor) throws Exception {
        String run = "ws-" + Math.abs(input.name().hashCode()) + "-" + label.split(" ")[0];
        Path dir = cleanRun(run);
        Map<String, String> props = common(dir);
        props.put("caravan.feeds", "simulator");
        props.put("caravan.symbols", String.join(",", input.symbols()));
        props.put("caravan.simulator.file", input.file().toString());
        props.put("caravan.simulator.speed", "max");
        props.put("caravan.bars.clock", "event");
        try (AppRun app = AppRun.start(label, appDir, dir, props, jvmOptions)) {
            long start = app.awaitLine(Pattern.compile("Replaying .* at speed"), 120_000);
            double cpuStart = app.cpuSeconds();
            app.awaitLine(Pattern.compile("Replay of .* finished"), 60 * 60_000);
            long end = awaitQuote(input.lastSymbol(), input.lastTs(), 600_000);
            double cpu = app.cpuSeconds() - cpuStart;
            double rate = input.ticks() * 1000.0 / (end - start);
            throughput.add(new String[] { input.name(), label, fmt(rate),
                    String.format(Locale.ROOT, "%.3f", rate / floor.ticksPerSecond()),
                    String.format(Locale.ROOT, "%.1f", cpu), Long.toString(app.peakHeapMb()), "(live: open bars stay open)" });
            System.out.printf("  %s %s: %.0f ticks/s%n", label, input.name(), rate);
        }
    }

    /** The time the quote of the input's last trade is in Redis: every trade before it has been through. */
    long awaitQuote(String symbol, long ts, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Response r = await(redis.send(Request.cmd(Command.HGET).arg(PREFIX + "quote:" + symbol).arg("time_ms")));
            if (r != null && Long.parseLong(r.toString()) >= ts) {
                return System.currentTimeMillis();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the last trade's quote never reached Redis");
    }

    void burst() throws Exception {
        Path file = work.resolve("burst-" + burstSymbols + ".csv");
        SyntheticTicks.writeBurst(file, burstSymbols);
        Path dir = cleanRun("burst");
        Map<String, String> props = common(dir);
        props.put("caravan.feeds", "replay");
        props.put("caravan.replay.file", file.toString());
        props.put("caravan.replay.exit-when-done", "true");
        // twice on the same data: first with every file, key and row new (cold), then as at a real boundary, where
        // the CSV files, Redis keys and table rows of these symbols exist (warm; the bars are rewritten as upserts)
        List<String> runs = new ArrayList<>();
        for (String state : List.of("cold", "warm")) {
            try (AppRun app = AppRun.start("burst " + state, this.app, dir, props, jvmOptions)) {
                app.awaitExit(30);
                JsonNode summary = JSON.readTree(dir.resolve("data").resolve("replay-summary.json").toFile());
                runs.add(String.format(Locale.ROOT, "%s: %,d bars in every sink after **%.0f ms** (%,d rows in PostgreSQL)",
                        state, summary.get("flushed").asLong(), summary.get("flushSeconds").asDouble() * 1000, countBars()));
                System.out.println("  burst " + runs.get(runs.size() - 1));
            }
        }
        results.put("Boundary burst: " + String.format(Locale.ROOT, "%,d", burstSymbols)
                + " symbols × 5 intervals closing at once (end of a replay: flush → all in csv, jdbc, redis, pubsub)",
                String.join("; ", runs));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Bars of 1,000 live symbols: for each minute boundary B, the bar [B-1m, B) is due at B + grace. The time it is in
     * each sink: pub/sub = when our subscriber receives it; redis = first poll (every 10 ms, one pipelined HGET per
     * symbol) that shows its open time in the latest-bar hash; jdbc = first poll (every 10 ms) that returns its row;
     * csv = the modification time of the symbol's 1m file, once it is later than the bucket's end (polled). Tick to quote:
     * a quote's trade time to its arrival on the quotes pub/sub channel, published with the Redis quote hash.
     */
    void latency() throws Exception {
        Path dir = cleanRun("latency");
        List<String> syms = SyntheticTicks.symbols(symbols);
        Map<String, String> props = liveSimulator(dir, syms, 5, 42);
        Map<String, List<Long>> lat = new LinkedHashMap<>();
        for (String sink : List.of("pubsub", "redis", "jdbc", "csv")) {
            lat.put(sink, Collections.synchronizedList(new ArrayList<>()));
        }
        List<Long> quoteLatency = new CopyOnWriteArrayList<>();
        Map<String, Long> pubsubSeen = new ConcurrentHashMap<>();
        RedisConnection sub = await(Redis.createClient(vertx, REDIS_URL).connect());
        sub.handler(push -> {
            if (push.size() == 4 && "pmessage".equals(push.get(0).toString())) {
                long now = System.currentTimeMillis();
                String channel = push.get(2).toString();
                try {
                    JsonNode body = JSON.readTree(push.get(3).toString());
                    if (channel.startsWith(PREFIX + "quotes:")) {
                        quoteLatency.add(now - body.get("time_ms").asLong());
                    } else {
                        pubsubSeen.putIfAbsent(body.get("symbol").asText() + "@" + body.get("open_time_ms").asLong(), now);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        await(sub.send(Request.cmd(Command.PSUBSCRIBE).arg(PREFIX + "bars:1m:*").arg(PREFIX + "quotes:*")));
        long ready;
        try (AppRun app = AppRun.start("latency", this.app, dir, props, jvmOptions);
                Connection db = DriverManager.getConnection(PG_URL + "?currentSchema=" + SCHEMA, "postgres", "")) {
            ready = app.awaitLine(Pattern.compile("subscribed to " + syms.get(syms.size() - 1) + "\\b"), 120_000);
            quoteLatency.clear();
            long boundary = (ready / 60_000 + 1) * 60_000;
            for (int m = 0; m < latencyMinutes; m++, boundary += 60_000) {
                long open = boundary - 60_000;
                long due = boundary + GRACE_MS;
                while (System.currentTimeMillis() < due - 200) {
                    Thread.sleep(50);
                }
                Map<String, Long> redisSeen = new HashMap<>();
                Map<String, Long> jdbcSeen = new HashMap<>();
                Map<String, Long> csvSeen = new HashMap<>();
                long deadline = due + 30_000;
                int expected = -1;
                while (System.currentTimeMillis() < deadline) {
                    pollRedis(syms, open, redisSeen);
                    pollJdbc(db, open, jdbcSeen);
                    pollCsv(dir, syms, boundary, csvSeen);
                    long pub = pubsubSeen.keySet().stream().filter(k -> k.endsWith("@" + open)).count();
                    expected = Math.max(expected, (int) Math.max(pub, Math.max(redisSeen.size(), jdbcSeen.size())));
                    if (redisSeen.size() == syms.size() && jdbcSeen.size() == syms.size() && pub == syms.size()
                            && csvSeen.size() == syms.size()) {
                        break;
                    }
                    Thread.sleep(10);
                }
                for (String s : syms) {
                    Long p = pubsubSeen.get(s + "@" + open);
                    if (p != null) {
                        lat.get("pubsub").add(p - due);
                    }
                    if (redisSeen.containsKey(s)) {
                        lat.get("redis").add(redisSeen.get(s) - due);
                    }
                    if (jdbcSeen.containsKey(s)) {
                        lat.get("jdbc").add(jdbcSeen.get(s) - due);
                    }
                    if (csvSeen.containsKey(s)) {
                        lat.get("csv").add(csvSeen.get(s) - due);
                    }
                }
                System.out.printf("  latency minute %s: pubsub %d, redis %d, jdbc %d bars%n", Instant.ofEpochMilli(open),
                        pubsubSeen.keySet().stream().filter(k -> k.endsWith("@" + open)).count(), redisSeen.size(), jdbcSeen.size());
            }
        } finally {
            sub.close();
        }
        StringBuilder text = new StringBuilder();
        for (var e : lat.entrySet()) {
            text.append(String.format(Locale.ROOT, "%s %s; ", e.getKey(), percentiles(e.getValue())));
        }
        results.put(String.format(Locale.ROOT, "Bar latency, %,d live symbols (5 trades/s each), %d minute boundaries: "
                + "bucket close + grace → bar in sink, ms", symbols, latencyMinutes), text.toString());
        results.put("Tick → quote on Redis pub/sub (with the quote hash), ms", percentiles(quoteLatency));
    }

    private void pollRedis(List<String> syms, long open, Map<String, Long> seen) throws Exception {
        List<Request> batch = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (String s : syms) {
            if (!seen.containsKey(s)) {
                batch.add(Request.cmd(Command.HGET).arg(PREFIX + "bar:1m:" + s).arg("open_time_ms"));
                asked.add(s);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Response> replies = await(redis.batch(batch));
        long now = System.currentTimeMillis();
        for (int i = 0; i < replies.size(); i++) {
            Response r = replies.get(i);
            if (r != null && Long.parseLong(r.toString()) >= open) {
                seen.put(asked.get(i), now);
            }
        }
    }

    /** A symbol's 1m file modified after the bucket ended holds the bar: its modification time is when. */
    private static void pollCsv(Path dir, List<String> syms, long bucketEnd, Map<String, Long> seen) throws IOException {
        for (String s : syms) {
            Path csv = dir.resolve("data/bars/1m/" + s + "_1m.csv");
            if (!seen.containsKey(s) && Files.exists(csv)) {
                long modified = Files.getLastModifiedTime(csv).toMillis();
                if (modified >= bucketEnd) {
                    seen.put(s, modified);
                }
            }
        }
    }

    private static void pollJdbc(Connection db, long open, Map<String, Long> seen) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT symbol FROM bars WHERE \"interval\" = '1m' AND open_time = ?")) {
            q.setTimestamp(1, new Timestamp(open));
            try (ResultSet rs = q.executeQuery()) {
                long now = System.currentTimeMillis();
                while (rs.next()) {
                    seen.putIfAbsent(rs.getString(1), now);
                }
            }
        } catch (java.sql.SQLException e) {
            // the table appears with the first bar
        }
    }

    void memory() throws Exception {
        Path dir = cleanRun("memory");
        List<String> syms = SyntheticTicks.symbols(symbols);
        Map<String, String> props = liveSimulator(dir, syms, 20_000.0 / symbols, 7);
        List<String> samples = new ArrayList<>();
        try (AppRun app = AppRun.start("memory", this.app, dir, props, jvmOptions)) {
            long ready = app.awaitLine(Pattern.compile("subscribed to " + syms.get(syms.size() - 1) + "\\b"), 120_000);
            long end = ready + memoryMinutes * 60_000L;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(Math.min(60_000, Math.max(0, end - System.currentTimeMillis())));
                samples.add(String.format(Locale.ROOT, "%.0f min: %d MB", (System.currentTimeMillis() - ready) / 60_000.0,
                        app.liveHeapMb()));
                System.out.println("  memory " + samples.get(samples.size() - 1));
            }
            List<long[]> counts = new ArrayList<>();
            Pattern received = Pattern.compile("Trades received: (\\d+)");
            for (AppRun.Line line : app.lines()) {
                Matcher m = received.matcher(line.text());
                if (m.find()) {
                    counts.add(new long[] { line.millis(), Long.parseLong(m.group(1)) });
                }
            }
            String rate = counts.size() < 2 ? "?" : fmt((counts.get(counts.size() - 1)[1] - counts.get(0)[1]) * 1000.0
                    / (counts.get(counts.size() - 1)[0] - counts.get(0)[0]));
            results.put(String.format(Locale.ROOT, "Memory: live heap after a full GC, %d min of synthetic load "
                    + "(asked 20,000 ticks/s over %,d symbols; received %s ticks/s)", memoryMinutes, symbols, rate),
                    String.join(", ", samples));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    Map<String, String> common(Path dir) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("caravan.sinks", "csv,jdbc,redis,pubsub");
        props.put("caravan.data-dir", dir.resolve("data").toString());
        props.put("caravan.jdbc.url", PG_URL + "?currentSchema=" + SCHEMA);
        props.put("caravan.jdbc.username", "postgres");
        props.put("caravan.redis.prefix", PREFIX);
        props.put("caravan.simulator.port", Integer.toString(SIM_PORT));
        props.put("caravan.bars.grace", GRACE_MS + "ms");
        props.put("quarkus.http.port", "0");
        return props;
    }

    /** The simulator's synthetic market, live (wall clock), for these symbols at this rate each. */
    Map<String, String> liveSimulator(Path dir, List<String> syms, double tradesPerSecond, long seed) {
        Map<String, String> props = common(dir);
        props.put("caravan.feeds", "simulator");
        props.put("caravan.symbols", String.join(",", syms));
        props.put("caravan.simulator.trades-per-second", Double.toString(tradesPerSecond));
        props.put("caravan.simulator.seed", Long.toString(seed));
        return props;
    }

    /** A fresh run: its own data dir, no bench bars in PostgreSQL, no bench keys in Redis. */
    Path cleanRun(String name) throws Exception {
        Path dir = work.resolve("runs").resolve(name);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        try (Connection db = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = db.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".bars");
        }
        Response keys = await(redis.send(Request.cmd(Command.KEYS).arg(PREFIX + "*")));
        List<String> all = new ArrayList<>();
        keys.forEach(k -> all.add(k.toString()));
        for (int i = 0; i < all.size(); i += 1000) {
            Request del = Request.cmd(Command.DEL);
            all.subList(i, Math.min(all.size(), i + 1000)).forEach(del::arg);
            await(redis.send(del));
        }
        return dir;
    }

    long countBars() throws Exception {
        try (Connection db = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".bars")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %d / p99 %d / max %d (n=%d)", sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    static String fmt(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------------------------

    void report(String started) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by the benchmark itself (`bench/run`, see README \"Benchmarks\"). Every figure below comes from one run.\n\n");
        md.append("- Date: ").append(started).append(" to ").append(Instant.now()).append('\n');
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- Command: `bench/run ").append(options()).append("`\n");
        md.append("- The app is the packaged `").append(app).append("/quarkus-run.jar`, started as a child process with ")
                .append("sinks csv, jdbc (PostgreSQL, database `test`, schema `").append(SCHEMA)
                .append("`), redis and pubsub (local Redis, prefix `").append(PREFIX).append("`), intervals 1m,5m,15m,30m,1h, grace 2 s.\n");
        md.append("- Shared machine: other work ran on the same 2 cores during the run; compare rows of the same run (the ratio to the floor), not runs.\n\n");
        if (!throughput.isEmpty()) {
            md.append("## Throughput (max speed)\n\n");
            md.append("| input | run | ticks/s | × floor | process CPU s | peak heap MB | bars in PostgreSQL |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|\n");
            for (String[] row : throughput) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            md.append("\nticks/s: replay = trades / the replay's own time (first line read to every bar in every sink, from ")
                    .append("`replay-summary.json`); WebSocket = trades / (simulator starts its file → the last trade's quote is in Redis). ")
                    .append("Process CPU: replay = whole process incl. start-up; WebSocket = during the transfer (the simulator runs in the same process). ")
                    .append("Peak heap: largest occupancy in the GC log. Floor: `PlainJavaFloor` (one thread, same CSV, same BarBuilder, no Camel, no sinks).\n\n");
        }
        if (!results.isEmpty()) {
            md.append("## Latency, burst, memory\n\n| measure | result |\n|---|---|\n");
            results.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            md.append('\n');
        }
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        Path notesFile = Path.of("docs", "benchmark-notes.md");
        if (Files.exists(notesFile)) {
            md.append('\n').append(Files.readString(notesFile));
        }
        String text = md.toString();
        System.out.println();
        System.out.println(text);
        Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
        System.out.println("written: " + out);
    }

    private String options() {
        List<String> set = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.")).sorted()
                .forEach(k -> set.add("-D" + k + "=" + System.getProperty(k)));
        return String.join(" ", set);
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return String.format(Locale.ROOT, "%d cores (nproc), %s, %s, JDK %s (%s)", Runtime.getRuntime().availableProcessors(),
                cpu, mem, System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }
}
