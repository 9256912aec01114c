package io.caravan.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.bar.BarIntervals;
import io.caravan.bar.BarRevisions;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;
import io.quarkus.arc.DefaultBean;

/**
 * The default {@link BarCorrections}: the provider's kline is written to the exchange bars (every active sink), and
 * the bar built from ticks is rewritten from it as its next revision ({@link BarRevisions#replace}), backfilled, in
 * every sink, and so is every longer bar holding it. What the kline does not carry (Finnhub: trade count, VWAP) is
 * unknown in the corrected bar. Only klines of the base interval can correct bars; others are stored and logged.
 */
@ApplicationScoped
@DefaultBean
public class RevisionCorrections implements BarCorrections {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionCorrections.class);

    private final ProducerTemplate producer;
    private final BarRevisions revisions;
    private final BarIntervals intervals;

    public RevisionCorrections(ProducerTemplate producer, BarRevisions revisions, BarIntervals intervals) {
        this.producer = producer;
        this.revisions = revisions;
        this.intervals = intervals;
    }

    @Override
    public void correct(Kline kline, List<Mismatch> mismatches) {
        KlineRequest request = new KlineRequest(kline.provider(), kline.symbol(), kline.symbol(), kline.interval(),
                kline.openTime(), kline.openTime());
        producer.sendBody("direct:exchange-bars", new KlineBatch(request, List.of(kline), System.currentTimeMillis()));
        String what = kline.symbol() + " " + kline.interval() + " " + Instant.ofEpochMilli(kline.openTime());
        String fields = mismatches.stream().map(Mismatch::field).distinct().collect(Collectors.joining(", "));
        if (!kline.interval().equals(intervals.base())) {
            LOG.warn("Not corrected: {} differs from {} in {}, but only klines of the base interval {} can rewrite "
                    + "bars; the kline is stored as its exchange bar", what, kline.provider(), fields, intervals.base());
            return;
        }
        BarRevisions.Applied applied = revisions.replace(List.of(kline.toBar()), false);
        if (applied.refused().isEmpty()) {
            LOG.warn("Corrected {}: it differed from {} in {}; rewritten from the {} kline", what, kline.provider(),
                    fields, kline.provider());
        } else {
            LOG.warn("Not corrected: {} differs from {} in {}, but {}", what, kline.provider(), fields,
                    applied.refused().get(0).getMessage());
        }
    }
}
