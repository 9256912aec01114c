package io.caravan.api;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.alert.PriceAlerts;
import io.caravan.feed.FeedStatus;
import io.caravan.market.Instrument;
import io.caravan.market.Instruments;
import io.caravan.market.Market;
import io.caravan.market.OutOfSessionTrades;
import io.caravan.quote.Quote;

/** Adds to a quote what the board shows beside it: instrument and market, session flags, feed status, alert. */
@ApplicationScoped
public class QuoteViews {

    private final FeedStatus feeds;
    private final PriceAlerts alerts;
    private final OutOfSessionTrades outOfSession;

    public QuoteViews(FeedStatus feeds, PriceAlerts alerts, OutOfSessionTrades outOfSession) {
        this.feeds = feeds;
        this.alerts = alerts;
        this.outOfSession = outOfSession;
    }

    public QuoteView of(Quote q) {
        Instrument instrument = Instruments.of(q.feed(), q.symbol());
        Market market = instrument.market();
        return new QuoteView(q.symbol(), market.name(), q.feed(), feeds.of(q.feed()).state(), q.price(),
                q.previousClose(), q.change(), q.changePercent(), q.dayVolume(), q.time(),
                alerts.dropPercent(q.symbol()), alerts.isAlerting(q.symbol()), q.version(), instrument.id(),
                market.isOpen(Instant.ofEpochMilli(q.time())), market.isOpen(Instant.now()),
                outOfSession.of(q.symbol()));
    }
}
