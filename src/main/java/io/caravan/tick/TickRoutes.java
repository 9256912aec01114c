package io.caravan.tick;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.feed.gap.FeedGaps;
import io.caravan.feed.gap.GapFill;
import io.caravan.metrics.IngestMetrics;

/** Trades from every feed → validated ticks; refusals → the tick dead letter. */
@ApplicationScoped
public class TickRoutes extends RouteBuilder {

    /** Route configuration of every route that handles incoming data: refusals go to the dead letter. */
    public static final String INGEST = "ingest";
    public static final String RAW_PROPERTY = "caravanRaw";

    private final TickValidator validator;
    private final DeadLetters deadLetters;
    private final IngestReport report;
    private final IngestMetrics metrics;
    private final FeedGaps gaps;
    private final GapFill gapFill;

    public TickRoutes(TickValidator validator, DeadLetters deadLetters, IngestReport report, IngestMetrics metrics,
            FeedGaps gaps, GapFill gapFill) {
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.report = report;
        this.metrics = metrics;
        this.gaps = gaps;
        this.gapFill = gapFill;
    }

    @Override
    public void configure() {
        from("direct:trade").routeId("ticks").routeConfigurationId(INGEST)
                .process(e -> {
                    RawTrade trade = e.getMessage().getBody(RawTrade.class);
                    e.setProperty(RAW_PROPERTY, trade.raw());
                    Tick tick = validator.validate(trade);
                    metrics.received(tick);
                    e.getMessage().setBody(tick);
                    // the first trade after a feed (re)connected ends the gap it may have missed
                    gaps.seen(tick).ifPresent(gapFill::request);
                })
                .to("direct:tick");

        from("timer:ingest-report?period=60000").routeId("ingest-report")
                .process(e -> report.log());

        from("direct:dead-letter").routeId("dead-letter")
                .bean(deadLetters, "record")
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/dead-letter?fileName=ticks-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
