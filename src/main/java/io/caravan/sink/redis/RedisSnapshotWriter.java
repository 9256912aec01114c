package io.caravan.sink.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.snapshot.SnapshotQuote;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Snapshot quotes into their {@code quote:<SYMBOL>} hashes with a TTL, and each symbol's update time into
 * {@code quotes:updated}, in one pipelined round trip per call ({@code redis/snapshot.lua}).
 */
@ApplicationScoped
public class RedisSnapshotWriter {

    private static final RedisScript SCRIPT = RedisScript.load("snapshot.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final Duration timeout;

    public RedisSnapshotWriter(Redis redis, RedisKeys keys, CaravanConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.timeout = config.redis().timeout();
    }

    /** @return how many hashes were written; the others hold a later quote of live trades */
    public int write(List<SnapshotQuote> quotes, long roundTime, Duration ttl) throws Exception {
        List<Request> calls = new ArrayList<>(quotes.size());
        for (SnapshotQuote quote : quotes) {
            Request call = SCRIPT.call(keys.quote(quote.symbol()), keys.quoteUpdates())
                    .arg(quote.time()).arg(ttl.toMillis()).arg(quote.symbol()).arg(roundTime);
            quote.fields(roundTime).forEach((field, value) -> call.arg(field).arg(String.valueOf(value)));
            calls.add(call);
        }
        int written = 0;
        for (Response reply : SCRIPT.batch(redis, calls, timeout)) {
            written += reply.toInteger();
        }
        return written;
    }
}
