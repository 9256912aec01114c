package io.caravan.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.api.BarHistory;
import io.caravan.api.BarQuery;
import io.caravan.api.BarView;
import io.caravan.bar.Interval;
import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;
import io.caravan.kline.KlineSettings;

/**
 * One reconciliation round ({@code routes/reconcile.yaml}): per symbol, the provider's klines of the last
 * {@code caravan.reconcile.lookback} (fetched as the polls fetch them) against the closed bars built from ticks of
 * the same minutes (from memory and the bars table, as the query API reads them). Every field beyond the tolerance is
 * logged on one line, counted, and returned as a record for {@code <data-dir>/reconcile/mismatches-<date>.ndjson};
 * with {@code caravan.reconcile.correct=true} each mismatched bar's kline goes to {@link BarCorrections}.
 */
@ApplicationScoped
@Named("reconciler")
public class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final KlineSettings settings;
    private final BarHistory history;
    private final BarCorrections corrections;
    private final ReconcileStats stats;
    private final BarComparison comparison;
    private final long lookback;
    private final boolean correct;
    private final String tolerance;

    public Reconciler(KlineSettings settings, BarHistory history, BarCorrections corrections, ReconcileStats stats,
            CaravanConfig config) {
        this.settings = settings;
        this.history = history;
        this.corrections = corrections;
        this.stats = stats;
        this.comparison = new BarComparison(config.reconcile().tolerance());
        this.lookback = config.reconcile().lookback().toMillis();
        this.correct = config.reconcile().correct();
        this.tolerance = config.reconcile().tolerance().toPlainString();
    }

    /** The round's requests: one per symbol, the klines that opened in the lookback window. */
    public List<KlineRequest> round() {
        stats.round();
        return settings.requests(lookback);
    }

    /** Compares one symbol's klines with its bars; the mismatches as records for the ndjson file. */
    public List<Map<String, Object>> reconcile(KlineBatch batch) {
        KlineRequest request = batch.request();
        Interval interval = request.interval();
        int limit = (int) Math.min(Integer.MAX_VALUE, (request.to() - request.from()) / interval.millis() + 2);
        List<BarView> ours = history.find(request.barSymbol(),
                new BarQuery(interval, request.from(), request.to() + 1, limit)).bars();
        stats.compared(ours.stream().filter(BarView::closed).count());
        List<Mismatch> mismatches = comparison.compare(request.barSymbol(), request.provider(), interval.label(), ours,
                batch.klines());
        List<Map<String, Object>> records = new ArrayList<>();
        Map<Long, List<Mismatch>> byBar = new TreeMap<>();
        for (Mismatch m : mismatches) {
            stats.mismatch();
            LOG.warn("Reconcile mismatch {} {} {} {}: ours {} vs {} {} (relative difference {} > {}){}", m.symbol(),
                    m.interval(), Instant.ofEpochMilli(m.openTime()), m.field(), m.ours().toPlainString(), m.provider(),
                    m.theirs().toPlainString(), m.relative().toPlainString(), tolerance,
                    m.note() == null ? "" : " (" + m.note() + ")");
            records.add(record(m));
            byBar.computeIfAbsent(m.openTime(), t -> new ArrayList<>()).add(m);
        }
        if (correct) {
            for (Kline kline : batch.klines()) {
                List<Mismatch> of = byBar.get(kline.openTime());
                if (of != null) {
                    corrections.correct(kline, of);
                    stats.corrected();
                }
            }
        }
        return records;
    }

    private Map<String, Object> record(Mismatch m) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("symbol", m.symbol());
        record.put("interval", m.interval());
        record.put("open_time", Instant.ofEpochMilli(m.openTime()).toString());
        record.put("field", m.field());
        record.put("ours", m.ours().toPlainString());
        record.put("theirs", m.theirs().toPlainString());
        record.put("provider", m.provider());
        record.put("relative", m.relative().toPlainString());
        record.put("tolerance", tolerance);
        if (m.note() != null) {
            record.put("note", m.note());
        }
        return record;
    }
}
