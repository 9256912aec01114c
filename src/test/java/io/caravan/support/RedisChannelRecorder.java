package io.caravan.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A real Redis subscriber, subscribed before caravan starts: {@code PSUBSCRIBE <prefix>bars:*},
 * {@code <prefix>quotes:*}, {@code <prefix>alerts:*} and {@code <prefix>snapshot:*}, recording every message. Also clears the keys under the prefix, so each test class starts
 * from an empty keyspace of its own. Configure with the {@code prefix} init argument.
 */
public class RedisChannelRecorder implements QuarkusTestResourceLifecycleManager {

    public record Message(String channel, String payload) {
    }

    public static final List<Message> MESSAGES = new CopyOnWriteArrayList<>();

    private Vertx vertx;
    private RedisConnection connection;
    private String prefix;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("prefix", "");
    }

    @Override
    public Map<String, String> start() {
        MESSAGES.clear();
        try (RedisTestClient redis = RedisTestClient.connect()) {
            redis.deleteKeys(prefix + "*");
        }
        vertx = Vertx.vertx();
        try {
            connection = Redis.createClient(vertx, RedisTestClient.URL).connect().toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            connection.handler(this::onPush);
            connection.send(Request.cmd(Command.PSUBSCRIBE).arg(prefix + "bars:*").arg(prefix + "quotes:*")
                    .arg(prefix + "alerts:*").arg(prefix + "snapshot:*"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot subscribe to Redis at " + RedisTestClient.URL, e);
        }
        return Map.of();
    }

    private void onPush(Response push) {
        if (push.size() == 4 && "pmessage".equals(push.get(0).toString())) {
            MESSAGES.add(new Message(push.get(2).toString(), push.get(3).toString()));
        }
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
