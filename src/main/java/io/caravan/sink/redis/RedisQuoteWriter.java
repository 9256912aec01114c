package io.caravan.sink.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.quote.Quote;
import io.caravan.quote.QuoteFields;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/** Quotes into their {@code quote:<SYMBOL>} hashes, one pipelined round trip per batch ({@code redis/quote.lua}). */
@ApplicationScoped
public class RedisQuoteWriter {

    private static final RedisScript SCRIPT = RedisScript.load("quote.lua");

    private final Redis redis;
    private final RedisKeys keys;
    private final Duration timeout;

    public RedisQuoteWriter(Redis redis, RedisKeys keys, CaravanConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.timeout = config.redis().timeout();
    }

    public void write(List<Quote> quotes) throws Exception {
        List<Request> calls = new ArrayList<>(quotes.size());
        for (Quote quote : quotes) {
            Request call = SCRIPT.call(keys.quote(quote.symbol())).arg(quote.time());
            QuoteFields.of(quote).forEach((field, value) -> call.arg(field).arg(String.valueOf(value)));
            calls.add(call);
        }
        SCRIPT.batch(redis, calls, timeout);
    }
}
