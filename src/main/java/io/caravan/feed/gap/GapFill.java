package io.caravan.feed.gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.caravan.CaravanConfig;
import io.caravan.bar.BarRevisions;
import io.caravan.tick.RawTrade;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/**
 * Fills a {@link Gap}: fetches the feed's trades of the gap from its provider's {@link TradeSource} (every symbol,
 * every page) and only then hands them to {@link BarRevisions}, so a fetch that fails and is retried can never add a
 * trade twice. Trades of bars still open join them; bars already written are rewritten as their next revision; both
 * are marked backfilled.
 */
@ApplicationScoped
@Named("gapFill")
public class GapFill {

    public static final String QUEUE = "seda:gap-fill";

    private static final Logger LOG = Logger.getLogger(GapFill.class);

    private final CaravanConfig config;
    private final Map<String, TradeSource> sources;
    private final TickValidator validator;
    private final BarRevisions revisions;
    private final ProducerTemplate producer;

    public GapFill(CaravanConfig config, Instance<TradeSource> sources, TickValidator validator,
            BarRevisions revisions, ProducerTemplate producer) {
        this.config = config;
        this.sources = sources.stream().collect(Collectors.toMap(TradeSource::provider, Function.identity()));
        this.validator = validator;
        this.revisions = revisions;
        this.producer = producer;
    }

    /** Called with each gap a feed reports; queues it for the gap-fill route unless switched off. */
    public void request(Gap gap) {
        if (!config.gapFill().enabled() || (gap.startup() && !config.gapFill().backfill())) {
            return;
        }
        TradeSource source = sources.get(gap.provider());
        if (source == null || !source.available()) {
            LOG.warnf("%s not filled: no REST trades source for %s (see caravan.gap-fill.*)", gap, gap.provider());
            return;
        }
        producer.sendBody(QUEUE, gap);
    }

    /** @return the trades refused (validation, or bars beyond the revision window), for the dead letter */
    public List<TickRejectedException> fill(Gap gap) {
        TradeSource source = sources.get(gap.provider());
        List<RawTrade> fetched = new ArrayList<>();
        for (String symbol : source.symbols()) {
            fetched.addAll(source.fetch(symbol, gap.after(), gap.before()));
        }
        List<TickRejectedException> refused = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>(fetched.size());
        int known = 0;
        for (RawTrade raw : fetched) {
            if (validator.isKnown(raw)) {
                known++; // received live after all (a source whose window includes its start)
                continue;
            }
            try {
                ticks.add(validator.validate(raw));
            } catch (TickRejectedException e) {
                refused.add(e);
            }
        }
        BarRevisions.Applied applied = revisions.apply(ticks);
        refused.addAll(applied.refused());
        LOG.infof("Filled %s: %d trades fetched, %d already received, %d into open bars, %d bars rewritten, "
                + "%d refused", gap, fetched.size(), known, applied.added(), applied.revised(), refused.size());
        return refused;
    }
}
