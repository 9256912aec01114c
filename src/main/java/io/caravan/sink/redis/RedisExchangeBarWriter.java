package io.caravan.sink.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.CaravanConfig;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.caravan.sink.ExchangeBarFields;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Exchange bars (providers' klines) into Redis the way bars built from ticks go there ({@code redis/bar.lua}: the
 * latest hash {@code xbar:<interval>:<SYMBOL>} never replaced by an older bar, and the sorted set
 * {@code xbars:<interval>:<SYMBOL>} with one member per open time, so a kline fetched again replaces its member), and
 * published on the channel {@code xbars:<interval>:<SYMBOL>} by the pubsub client. Unknown fields (VWAP, trade count)
 * are left out of the hash.
 */
@ApplicationScoped
public class RedisExchangeBarWriter {

    private static final RedisScript SCRIPT = RedisScript.load("bar.lua");

    private final Redis redis;
    private final Redis pubsub;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final RedisRetention retention;
    private final Duration timeout;

    public RedisExchangeBarWriter(Redis redis, @RedisClientName("pubsub") Redis pubsub, RedisKeys keys,
            ObjectMapper json, CaravanConfig config) {
        this.redis = redis;
        this.pubsub = pubsub;
        this.keys = keys;
        this.json = json;
        this.retention = RedisRetention.parse(config.redis().retention());
        this.timeout = config.redis().timeout();
    }

    public void write(KlineBatch batch) throws Exception {
        List<Request> calls = new ArrayList<>(batch.klines().size());
        for (Kline k : batch.klines()) {
            Map<String, Object> fields = ExchangeBarFields.json(k, batch.fetchedAt(), batch.source());
            Request call = SCRIPT.call(keys.latestExchangeBar(k.symbol(), k.interval().label()),
                    keys.exchangeBarSeries(k.symbol(), k.interval().label()))
                    .arg(k.openTime())
                    .arg(json.writeValueAsString(fields))
                    .arg(retention.kind() == RedisRetention.Kind.COUNT ? "count" : "age")
                    .arg(retention.value());
            fields.forEach((field, value) -> {
                if (value != null) {
                    call.arg(field).arg(String.valueOf(value));
                }
            });
            calls.add(call);
        }
        if (!calls.isEmpty()) {
            SCRIPT.batch(redis, calls, timeout);
        }
    }

    public void publish(KlineBatch batch) throws Exception {
        List<Request> publishes = new ArrayList<>(batch.klines().size());
        for (Kline k : batch.klines()) {
            publishes.add(Request.cmd(Command.PUBLISH).arg(keys.exchangeBarSeries(k.symbol(), k.interval().label()))
                    .arg(json.writeValueAsString(ExchangeBarFields.json(k, batch.fetchedAt(), batch.source()))));
        }
        if (!publishes.isEmpty()) {
            RedisCalls.await(pubsub.batch(publishes), timeout);
        }
    }
}
