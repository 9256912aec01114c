package io.caravan.sink.redis;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.quote.QuoteBook;
import io.caravan.sink.Sinks;

/**
 * Quotes to Redis: with the {@code redis} sink into {@code quote:<SYMBOL>} hashes, with {@code pubsub} on
 * {@code quotes:<SYMBOL>}. Every {@code caravan.redis.quote-interval} each sends the quotes that changed, so ticks in
 * between coalesce into one write per symbol.
 */
@ApplicationScoped
public class QuoteRoutes extends RouteBuilder {

    private final Sinks sinks;
    private final QuoteBook book;
    private final RedisQuoteWriter writer;
    private final RedisPublisher publisher;
    private final long periodMillis;
    private final int batchSize;

    public QuoteRoutes(Sinks sinks, QuoteBook book, RedisQuoteWriter writer, RedisPublisher publisher,
            CaravanConfig config) {
        this.sinks = sinks;
        this.book = book;
        this.writer = writer;
        this.publisher = publisher;
        this.periodMillis = Math.max(1, config.redis().quoteInterval().toMillis());
        this.batchSize = config.redis().batchSize();
    }

    @Override
    public void configure() {
        if (sinks.isActive(Sinks.REDIS)) {
            QuoteFlush flush = new QuoteFlush("Redis", book.changes(), writer::write, batchSize);
            from("timer:quotes-redis?period=" + periodMillis).routeId("quotes-redis")
                    .process(e -> flush.flush());
        }
        if (sinks.isActive(Sinks.PUBSUB)) {
            QuoteFlush flush = new QuoteFlush("Redis pub/sub", book.changes(), publisher::publishQuotes, batchSize);
            from("timer:quotes-pubsub?period=" + periodMillis).routeId("quotes-pubsub")
                    .process(e -> flush.flush());
        }
    }
}
