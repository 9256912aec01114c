package io.caravan.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;
import io.quarkus.arc.DefaultBean;

/**
 * The default {@link BarCorrections}: the provider's kline is written to the exchange bars (every active sink) and a
 * revision of the bar built from ticks is logged as due. Bars built from ticks are not rewritten yet.
 */
@ApplicationScoped
@DefaultBean
public class ExchangeBarCorrections implements BarCorrections {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeBarCorrections.class);

    private final ProducerTemplate producer;

    public ExchangeBarCorrections(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void correct(Kline kline, List<Mismatch> mismatches) {
        KlineRequest request = new KlineRequest(kline.provider(), kline.symbol(), kline.symbol(), kline.interval(),
                kline.openTime(), kline.openTime());
        producer.sendBody("direct:exchange-bars", new KlineBatch(request, List.of(kline), System.currentTimeMillis()));
        LOG.warn("Revision due: {} {} {} differs from {} in {}; the {} kline is stored as its exchange bar",
                kline.symbol(), kline.interval(), Instant.ofEpochMilli(kline.openTime()), kline.provider(),
                mismatches.stream().map(Mismatch::field).distinct().collect(Collectors.joining(", ")), kline.provider());
    }
}
