package io.caravan.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** A plain client of the real Redis on localhost, for checking what caravan wrote. */
public final class RedisTestClient implements AutoCloseable {

    public static final String URL = "redis://127.0.0.1:6379";

    private final Vertx vertx;
    private final Redis redis;

    private RedisTestClient(Vertx vertx, Redis redis) {
        this.vertx = vertx;
        this.redis = redis;
    }

    public static RedisTestClient connect() {
        return connect(URL);
    }

    public static RedisTestClient connect(String url) {
        Vertx vertx = Vertx.vertx();
        return new RedisTestClient(vertx, Redis.createClient(vertx, url));
    }

    public Response send(String command, Object... args) {
        Request request = Request.cmd(Command.create(command));
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return await(redis.send(request));
    }

    public Map<String, String> hgetall(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        Response reply = send("HGETALL", key);
        if (reply == null) {
            return map;
        }
        Set<String> keys = mapKeys(reply);
        if (!keys.isEmpty()) {
            keys.forEach(k -> map.put(k, reply.get(k).toString())); // RESP3: a map
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) { // RESP2: field, value, field, value...
                map.put(reply.get(i).toString(), reply.get(i + 1).toString());
            }
        }
        return map;
    }

    private static Set<String> mapKeys(Response reply) {
        try {
            return reply.getKeys();
        } catch (UnsupportedOperationException e) {
            return Set.of();
        }
    }

    /** Members of a sorted set, lowest score first. */
    public List<String> zrange(String key) {
        List<String> members = new ArrayList<>();
        Response reply = send("ZRANGE", key, 0, -1);
        if (reply != null) {
            reply.forEach(r -> members.add(r.toString()));
        }
        return members;
    }

    /** Keys matching a pattern (tests only: KEYS scans the whole database). */
    public List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        send("KEYS", pattern).forEach(r -> keys.add(r.toString()));
        return keys;
    }

    public void deleteKeys(String pattern) {
        for (String key : keys(pattern)) {
            send("DEL", key);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis at " + URL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        redis.close();
        await(vertx.close());
    }
}
