package io.caravan.sink.redis;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.quote.Quote;
import io.caravan.quote.QuoteChanges;

/**
 * Sends the quotes changed since the last flush, in batches. Quotes that could not be sent go back into the changes,
 * so the next flush sends their latest state: a quote is a latest value, so nothing is lost by waiting. A failing
 * target is logged once when it fails and once when it recovers, not on every flush.
 */
final class QuoteFlush {

    interface Target {
        void send(List<Quote> quotes) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(QuoteFlush.class);

    private final String name;
    private final QuoteChanges changes;
    private final Target target;
    private final int batchSize;
    private boolean failing;

    QuoteFlush(String name, QuoteChanges changes, Target target, int batchSize) {
        this.name = name;
        this.changes = changes;
        this.target = target;
        this.batchSize = batchSize;
    }

    /** @return quotes sent */
    int flush() {
        int sent = 0;
        while (!changes.isEmpty()) {
            List<Quote> quotes = changes.drain(batchSize);
            try {
                target.send(quotes);
            } catch (Exception e) {
                changes.retry(quotes);
                if (!failing) {
                    failing = true;
                    LOG.warn("Quotes to {} failed, retrying on every flush: {}", name, e.toString());
                }
                return sent;
            }
            sent += quotes.size();
        }
        if (failing) {
            failing = false;
            LOG.info("Quotes to {} are written again", name);
        }
        return sent;
    }
}
