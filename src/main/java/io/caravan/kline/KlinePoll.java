package io.caravan.kline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.CaravanConfig;
import io.caravan.feed.KlineRequest;

/** One polling round: a request per symbol for the klines that opened in the last {@code caravan.klines.lookback}. */
@ApplicationScoped
@Named("klinePoll")
public class KlinePoll {

    private final KlineSettings settings;
    private final KlineStats stats;
    private final long lookback;

    public KlinePoll(KlineSettings settings, KlineStats stats, CaravanConfig config) {
        this.settings = settings;
        this.stats = stats;
        this.lookback = config.klines().lookback().toMillis();
    }

    public List<KlineRequest> round() {
        stats.round();
        return settings.requests(lookback);
    }
}
