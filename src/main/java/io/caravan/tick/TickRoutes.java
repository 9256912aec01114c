package io.caravan.tick;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.feed.gap.FeedGaps;
import io.caravan.feed.gap.GapFill;
import io.caravan.metrics.IngestMetrics;

/**
 * Trades from every feed → validated ticks, as batches: a frame's (or a replay chunk's) trades are one exchange, and a
 * trade sent alone is a batch of one. Refusals → the tick dead letter, one record per trade.
 */
@ApplicationScoped
public class TickRoutes extends RouteBuilder {

    /** Route configuration of every route that handles incoming data: refusals go to the dead letter. */
    public static final String INGEST = "ingest";
    public static final String RAW_PROPERTY = "caravanRaw";
    /** Of a batch of ticks: the raw text of each, in the same order (a late one is recorded with it). */
    public static final String RAWS_PROPERTY = "caravanRaws";

    private final TickValidator validator;
    private final DeadLetters deadLetters;
    private final IngestReport report;
    private final Refusals refusals;
    private final IngestMetrics metrics;
    private final FeedGaps gaps;
    private final GapFill gapFill;

    public TickRoutes(TickValidator validator, DeadLetters deadLetters, IngestReport report, Refusals refusals,
            IngestMetrics metrics, FeedGaps gaps, GapFill gapFill) {
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.report = report;
        this.refusals = refusals;
        this.metrics = metrics;
        this.gaps = gaps;
        this.gapFill = gapFill;
    }

    @Override
    public void configure() {
        // one trade (a user's route may send them so): a batch of one, on the one path
        from("direct:trade").routeId("ticks").routeConfigurationId(INGEST)
                .process(e -> e.getMessage().setBody(List.of(e.getMessage().getBody(RawTrade.class))))
                .to("direct:trades");

        // a frame's (or a replay chunk's) trades as one exchange: per-trade exchanges were most of the cost per tick
        from("direct:trades").routeId("tick-batches").routeConfigurationId(INGEST)
                .process(e -> e.getMessage().setBody(validate(e, e.getMessage().getBody(List.class))))
                .to("direct:tick-batch");

        from("timer:ingest-report?period=60000").routeId("ingest-report")
                .process(e -> report.log());

        from("direct:dead-letter").routeId("dead-letter")
                .bean(deadLetters, "record")
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/dead-letter?fileName=ticks-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }

    /** What every trade goes through. */
    private Tick check(RawTrade trade) {
        Tick tick = validator.validate(trade);
        // the first trade after a feed (re)connected ends the gap it may have missed, a symbol's first trade its part of
        // it; a trade gap-fill fetched already is refused
        gaps.seen(tick).forEach(gapFill::request);
        metrics.received(tick);
        return tick;
    }

    private List<Tick> validate(Exchange batch, List<?> trades) {
        List<Tick> ticks = new ArrayList<>(trades.size());
        List<String> raws = new ArrayList<>(trades.size());
        for (Object item : trades) {
            RawTrade trade = (RawTrade) item;
            try {
                ticks.add(check(trade));
                raws.add(trade.raw());
            } catch (RuntimeException e) {
                // a refusal, or anything unexpected: this trade's own record either way, the others go on
                refusals.send(batch, trade, trade.raw(), e);
            }
        }
        batch.setProperty(RAWS_PROPERTY, raws);
        return ticks;
    }
}
