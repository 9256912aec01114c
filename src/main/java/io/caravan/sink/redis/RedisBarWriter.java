package io.caravan.sink.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;
import io.caravan.sink.BarFields;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Closed bars into Redis, one pipelined round trip per batch (of at most {@code caravan.redis.batch-size} bars):
 * per bar, the latest-bar hash (never replaced by an older bar) and the time series (one member per open time,
 * trimmed to the retention), applied atomically by {@code redis/bar.lua}.
 */
@ApplicationScoped
public class RedisBarWriter {

    private static final RedisScript SCRIPT = RedisScript.load("bar.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final BarFields fields;
    private final ObjectMapper json;
    private final RedisRetention retention;
    private final Duration timeout;
    private final int pipeline;

    @Inject
    public RedisBarWriter(Redis redis, RedisKeys keys, BarFields fields, ObjectMapper json, CaravanConfig config) {
        this(redis, keys, fields, json, RedisRetention.parse(config.redis().retention()), config.redis().timeout(),
                config.redis().batchSize());
    }

    RedisBarWriter(Redis redis, RedisKeys keys, BarFields fields, ObjectMapper json, RedisRetention retention,
            Duration timeout, int pipeline) {
        this.pipeline = pipeline;
        this.redis = redis;
        this.keys = keys;
        this.fields = fields;
        this.json = json;
        this.retention = retention;
        this.timeout = timeout;
    }

    /**
     * In pipelines of at most {@code caravan.redis.batch-size} calls, each with its own timeout: the bars of one close
     * (10,000 symbols' of a minute, say) come as one batch, and one pipeline that long could outlast the timeout
     * however often it was retried. A batch retried after some of its pipelines were applied changes nothing more.
     */
    public void write(List<Bar> bars) throws Exception {
        for (int from = 0; from < bars.size(); from += pipeline) {
            List<Bar> part = bars.subList(from, Math.min(bars.size(), from + pipeline));
            List<Request> calls = new ArrayList<>(part.size());
            for (Bar bar : part) {
                calls.add(call(bar));
            }
            SCRIPT.batch(redis, calls, timeout);
        }
    }

    private Request call(Bar bar) throws JsonProcessingException {
        Map<String, Object> barFields = fields.json(bar);
        Request call = SCRIPT.call(keys.latestBar(bar), keys.barSeries(bar))
                .arg(bar.openTime())
                .arg(json.writeValueAsString(barFields))
                .arg(retention.kind() == RedisRetention.Kind.COUNT ? "count" : "age")
                .arg(retention.value());
        barFields.forEach((field, value) -> {
            if (value != null) {
                call.arg(field).arg(String.valueOf(value));
            }
        });
        return call;
    }
}
