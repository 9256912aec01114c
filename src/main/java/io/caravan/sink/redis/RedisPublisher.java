package io.caravan.sink.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.CaravanConfig;
import io.caravan.alert.PriceAlert;
import io.caravan.bar.Bar;
import io.caravan.quote.Quote;
import io.caravan.quote.QuoteFields;
import io.caravan.sink.BarFields;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * {@code PUBLISH} of closed bars ({@code bars:<interval>:<SYMBOL>}), quotes ({@code quotes:<SYMBOL>}), price
 * alerts ({@code alerts:<SYMBOL>}) and snapshot rounds ({@code snapshot:round}) as JSON, on
 * the {@code pubsub} Redis client: its own connections, apart from the writer's.
 */
@ApplicationScoped
public class RedisPublisher {

    private final Redis redis;
    private final RedisKeys keys;
    private final BarFields fields;
    private final ObjectMapper json;
    private final Duration timeout;

    public RedisPublisher(@RedisClientName("pubsub") Redis redis, RedisKeys keys, BarFields fields, ObjectMapper json,
            CaravanConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.fields = fields;
        this.json = json;
        this.timeout = config.redis().timeout();
    }

    public void publishBars(List<Bar> bars) throws Exception {
        List<Request> publishes = new ArrayList<>(bars.size());
        for (Bar bar : bars) {
            publishes.add(Request.cmd(Command.PUBLISH).arg(keys.barChannel(bar))
                    .arg(json.writeValueAsString(fields.json(bar))));
        }
        RedisCalls.await(redis.batch(publishes), timeout);
    }

    /** One price alert on {@code alerts:<SYMBOL>}. */
    public void publishAlert(PriceAlert alert) throws Exception {
        RedisCalls.await(redis.send(Request.cmd(Command.PUBLISH).arg(keys.alertChannel(alert.symbol()))
                .arg(json.writeValueAsString(alert))), timeout);
    }

    /** The quote snapshot hub's report of one round, on {@code snapshot:round}. */
    public void publishSnapshotRound(Map<String, Object> report) throws Exception {
        RedisCalls.await(redis.send(Request.cmd(Command.PUBLISH).arg(keys.snapshotRoundChannel())
                .arg(json.writeValueAsString(report))), timeout);
    }

    public void publishQuotes(List<Quote> quotes) throws Exception {
        List<Request> publishes = new ArrayList<>(quotes.size());
        for (Quote quote : quotes) {
            publishes.add(Request.cmd(Command.PUBLISH).arg(keys.quoteChannel(quote.symbol()))
                    .arg(json.writeValueAsString(QuoteFields.of(quote))));
        }
        RedisCalls.await(redis.batch(publishes), timeout);
    }
}
