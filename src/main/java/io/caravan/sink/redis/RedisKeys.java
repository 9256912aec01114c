package io.caravan.sink.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;

/**
 * Every Redis key and channel caravan writes, behind the configurable prefix ({@code caravan.redis.prefix}). Symbols
 * go in as they are: a key is binary-safe and never parsed, so no symbol can reach another key's data.
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    @Inject
    public RedisKeys(CaravanConfig config) {
        this.prefix = config.redis().prefix().orElse("");
    }

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** Hash: the latest closed bar of a symbol and interval. */
    public String latestBar(Bar bar) {
        return prefix + "bar:" + bar.interval().label() + ":" + bar.symbol();
    }

    /** Sorted set: the bars of a symbol and interval, scored by open time (epoch ms). */
    public String barSeries(Bar bar) {
        return prefix + "bars:" + bar.interval().label() + ":" + bar.symbol();
    }

    /** Hash: the latest quote of a symbol. */
    public String quote(String symbol) {
        return prefix + "quote:" + symbol;
    }

    /** Pub/sub channel of a symbol's closed bars of one interval; the same name as its sorted set. */
    public String barChannel(Bar bar) {
        return barSeries(bar);
    }

    /** Pub/sub channel of a symbol's price alerts. */
    public String alertChannel(String symbol) {
        return prefix + "alerts:" + symbol;
    }

    /** Sorted set: when the snapshot hub last wrote each symbol's quote (score epoch ms, member the symbol). */
    public String quoteUpdates() {
        return prefix + "quotes:updated";
    }

    /**
     * Pub/sub channel with one message per snapshot round. Not under {@code quotes:}, whose channels carry one
     * symbol's quotes each, so that {@code PSUBSCRIBE quotes:*} keeps getting quotes only.
     */
    public String snapshotRoundChannel() {
        return prefix + "snapshot:round";
    }

    /** Pub/sub channel of a symbol's quotes. */
    public String quoteChannel(String symbol) {
        return prefix + "quotes:" + symbol;
    }
}
