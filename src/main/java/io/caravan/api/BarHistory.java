package io.caravan.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;
import io.caravan.bar.OpenBars;

/**
 * Answers bar queries from three places, newest last: the database (when the jdbc sink is on: history, earlier
 * runs), the recent closed bars in memory (what the database may not have written yet), and the bar in progress.
 * Right after start the last two are all there is, and they are enough.
 */
@ApplicationScoped
public class BarHistory {

    private static final Logger LOG = LoggerFactory.getLogger(BarHistory.class);

    private final boolean database;
    private final StoredBars stored;
    private final RecentBars recent;
    private final BarsInProgress inProgress;
    private final OpenBars openBars;

    public BarHistory(CaravanConfig config, StoredBars stored, RecentBars recent, BarsInProgress inProgress,
            OpenBars openBars) {
        this.database = config.sinks().stream().map(String::trim).anyMatch("jdbc"::equals);
        this.stored = stored;
        this.recent = recent;
        this.inProgress = inProgress;
        this.openBars = openBars;
    }

    public BarSeries find(String symbol, BarQuery query) {
        NavigableMap<Long, BarView> bars = new TreeMap<>();
        if (database) {
            try {
                stored.find(symbol, query).forEach(b -> bars.put(b.time(), b));
            } catch (SQLException | RuntimeException e) {
                // the page still gets what is in memory; the sink's own retries and dead letter deal with the database
                LOG.warn("Bars database not readable, answering from memory: {}", e.getMessage());
            }
        }
        // read under the closing lock: a closing group leaves the aggregator before its bar reaches the recent
        // bars, and a query between the two would see the bar nowhere (the clock closes and delivers in one hold)
        openBars.whileNoneClose(() -> {
            for (Bar bar : recent.find(symbol, query)) {
                bars.put(bar.openTime(), BarView.of(bar, true));
            }
            inProgress.open(symbol, query.interval()).stream().filter(b -> query.contains(b.openTime()))
                    .forEach(b -> bars.putIfAbsent(b.openTime(), BarView.of(b, false)));
            return null;
        });
        List<BarView> newest = new ArrayList<>(bars.values());
        return new BarSeries(symbol, query.interval().label(),
                List.copyOf(newest.subList(Math.max(0, newest.size() - query.limit()), newest.size())));
    }
}
