package io.caravan.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.alert.PriceAlert;
import io.caravan.alert.PriceAlerts;
import io.caravan.bar.Bar;
import io.caravan.bar.Interval;
import io.caravan.quote.Quote;
import io.caravan.quote.QuoteBook;
import io.caravan.quote.QuoteChanges;

/**
 * Builds the frames pushed to the page. Between two frames, any number of ticks of a symbol become its latest quote
 * and its bars in progress once; closed bars are all passed on, in closing order.
 */
@ApplicationScoped
@Named("liveUpdates")
public class LiveUpdates {

    /** More symbols than this changed in one push interval are sent in the next frames. */
    static final int MAX_QUOTES_PER_FRAME = 5_000;

    private final QuoteChanges changes;
    private final QuoteViews views;
    private final PriceAlerts alerts;
    private final BarsInProgress inProgress;
    private final List<Interval> intervals;
    private final Queue<Bar> closed = new ConcurrentLinkedQueue<>();

    public LiveUpdates(QuoteBook book, QuoteViews views, PriceAlerts alerts, BarsInProgress inProgress,
            BarQueryParser parser) {
        this.changes = book.changes();
        this.views = views;
        this.alerts = alerts;
        this.inProgress = inProgress;
        this.intervals = parser.intervals();
    }

    /** Called with the bars of every close (route {@code live-bars}). */
    public void barsClosed(List<Bar> bars) {
        closed.addAll(bars);
    }

    /**
     * Called at the push rate, by one thread. Price alerts are checked either way; without a page to send the frame
     * to, the bars of the interval are dropped instead of made into views (a page that opens loads its history).
     */
    public LiveFrame nextFrame(boolean forPages) {
        List<Quote> quotes = changes.drain(MAX_QUOTES_PER_FRAME);
        List<PriceAlert> raisedOrCleared = alerts.check(quotes);
        if (!forPages) {
            closed.clear();
            return new LiveFrame("frame", System.currentTimeMillis(), List.of(), List.of(), raisedOrCleared);
        }
        List<LiveBar> bars = new ArrayList<>();
        for (Bar bar; (bar = closed.poll()) != null;) {
            bars.add(new LiveBar(bar.symbol(), bar.interval().label(), BarView.of(bar, true)));
        }
        BarsInProgress.Snapshot open = inProgress.snapshot();
        for (Quote quote : quotes) {
            for (Interval interval : intervals) {
                for (Bar b : open.open(quote.symbol(), interval)) {
                    bars.add(new LiveBar(b.symbol(), interval.label(), BarView.of(b, false)));
                }
            }
        }
        return new LiveFrame("frame", System.currentTimeMillis(), quotes.stream().map(views::of).toList(), bars,
                raisedOrCleared);
    }
}
