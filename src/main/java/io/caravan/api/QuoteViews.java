package io.caravan.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.alert.PriceAlerts;
import io.caravan.feed.FeedStatus;
import io.caravan.quote.Quote;

/** Adds to a quote what the board shows beside it: market, feed status, alert. */
@ApplicationScoped
public class QuoteViews {

    private final FeedStatus feeds;
    private final PriceAlerts alerts;

    public QuoteViews(FeedStatus feeds, PriceAlerts alerts) {
        this.feeds = feeds;
        this.alerts = alerts;
    }

    public QuoteView of(Quote q) {
        return new QuoteView(q.symbol(), MarketLabel.of(q.symbol()), q.feed(), feeds.of(q.feed()).state(), q.price(),
                q.previousClose(), q.change(), q.changePercent(), q.dayVolume(), q.time(),
                alerts.dropPercent(q.symbol()), alerts.isAlerting(q.symbol()), q.version());
    }
}
