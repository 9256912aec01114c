package io.caravan.sink.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.Bar;
import io.caravan.bar.Interval;
import io.caravan.sink.BarFields;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * A bar-close burst into the real Redis: 10,000 bars (10,000 symbols closing the same minute) written by the Redis
 * sink's writer in its default batches of 1,000, against two references timed in the same run: the same writer one
 * bar per round trip (no batching), and a floor of plain pipelined HSETs of the same fields (no script, no guard).
 * Prints the median of several rounds. Run: see README "Benchmarks".
 */
public final class RedisBurstBenchmark {

    private static final String PREFIX = "bench:burst:";

    public static void main(String[] args) throws Exception {
        int bars = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String url = System.getProperty("redis.url", "redis://127.0.0.1:6379");
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)); // Quarkus's defaults
        RedisKeys keys = new RedisKeys(PREFIX);
        BarFields fields = new BarFields();
        ObjectMapper json = new ObjectMapper();
        RedisBarWriter writer = new RedisBarWriter(redis, keys, fields, json, RedisRetention.parse("10000"),
                Duration.ofSeconds(30), 1000);

        long[] batched = new long[rounds];
        long[] single = new long[rounds];
        long[] floor = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            List<Bar> burst = burst(bars, round);
            clear(redis);
            long t0 = System.nanoTime();
            for (int from = 0; from < burst.size(); from += 1000) {
                writer.write(burst.subList(from, Math.min(burst.size(), from + 1000)));
            }
            batched[round] = System.nanoTime() - t0;

            clear(redis);
            t0 = System.nanoTime();
            for (Bar bar : burst) {
                writer.write(List.of(bar));
            }
            single[round] = System.nanoTime() - t0;

            clear(redis);
            t0 = System.nanoTime();
            for (int from = 0; from < burst.size(); from += 1000) {
                List<Request> hsets = new ArrayList<>();
                for (Bar bar : burst.subList(from, Math.min(burst.size(), from + 1000))) {
                    Request hset = Request.cmd(Command.HSET).arg(keys.latestBar(bar));
                    for (Map.Entry<String, Object> f : fields.json(bar).entrySet()) {
                        hset.arg(f.getKey()).arg(String.valueOf(f.getValue()));
                    }
                    hsets.add(hset);
                }
                redis.batch(hsets).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            floor[round] = System.nanoTime() - t0;
        }
        clear(redis);
        long b = median(batched);
        long s = median(single);
        long f = median(floor);
        System.out.printf("Burst of %,d bars into Redis, median of %d rounds (first round included)%n", bars, rounds);
        System.out.printf("  redis sink writer, batches of 1000 : %8.1f ms%n", b / 1e6);
        System.out.printf("  same writer, one bar per round trip: %8.1f ms  (%.1fx the batched time)%n", s / 1e6,
                (double) s / b);
        System.out.printf("  floor: plain pipelined HSET        : %8.1f ms  (batched / floor = %.2f)%n", f / 1e6,
                (double) b / f);
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<Bar> burst(int n, int round) {
        long open = Instant.parse("2024-05-06T14:00:00Z").toEpochMilli() + round * 60_000L;
        List<Bar> bars = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigDecimal close = BigDecimal.valueOf(10_000 + i % 977, 2);
            bars.add(new Bar("SYM" + i, Interval.parse("1m"), open, close, close, close, close, BigDecimal.TEN,
                    close.multiply(BigDecimal.TEN), close, 3L));
        }
        return bars;
    }

    private static void clear(Redis redis) throws Exception {
        var keys = redis.send(Request.cmd(Command.KEYS).arg(PREFIX + "*")).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        List<Request> deletes = new ArrayList<>();
        keys.forEach(k -> deletes.add(Request.cmd(Command.DEL).arg(k.toString())));
        for (int from = 0; from < deletes.size(); from += 1000) {
            redis.batch(deletes.subList(from, Math.min(deletes.size(), from + 1000))).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
