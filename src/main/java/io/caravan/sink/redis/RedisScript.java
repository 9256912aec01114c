package io.caravan.sink.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script under {@code src/main/resources/redis/}, called by its SHA1 ({@code EVALSHA}). Redis forgets scripts
 * when it restarts, so a batch refused with {@code NOSCRIPT} loads the script and is sent once more; every script
 * here is idempotent, so a batch applied twice changes nothing.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static RedisScript load(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream("/redis/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Redis script " + name + " is missing from the build");
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call of this script with its keys; add the arguments with {@link Request#arg}. */
    Request call(String... keys) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.length);
        for (String key : keys) {
            request.arg(key);
        }
        return request;
    }

    /** Sends the calls as one pipeline, loading the script first if Redis does not know it. */
    List<Response> batch(Redis redis, List<Request> calls, Duration timeout) throws Exception {
        try {
            return RedisCalls.await(redis.batch(calls), timeout);
        } catch (Exception e) {
            if (!unknownScript(e)) {
                throw e;
            }
            RedisCalls.await(redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)), timeout);
            return RedisCalls.await(redis.batch(calls), timeout);
        }
    }

    /** Redis answers NOSCRIPT; a batch reports it inside its own error. */
    private static boolean unknownScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
