package io.caravan.alert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ProducerTemplate;

import io.caravan.CaravanConfig;
import io.caravan.quote.Quote;

/**
 * The quotes board's alert rule ({@code caravan.dashboard.alert.*}): a symbol is in alert while its last price is
 * more than {@code drop-percent} below the highest price of the trailing {@code window}. Prices are the quotes seen
 * at each live push (so at the push rate, not every tick). Every change of state is published as a
 * {@link PriceAlert} to {@link PriceAlertRoutes#ALERTS}.
 */
@ApplicationScoped
public class PriceAlerts {

    private final long windowMillis;
    private final BigDecimal dropPercent;
    private final String rule;
    private final ProducerTemplate producer;
    private final Map<String, DropWindow> windows = new ConcurrentHashMap<>();
    private final Set<String> alerting = ConcurrentHashMap.newKeySet();

    public PriceAlerts(CaravanConfig config, ProducerTemplate producer) {
        this.windowMillis = config.dashboard().alert().window().toMillis();
        this.dropPercent = config.dashboard().alert().dropPercent();
        this.rule = "drop > " + dropPercent.toPlainString() + "% below the high of the last "
                + config.dashboard().alert().window().toString().substring(2).toLowerCase();
        this.producer = producer;
    }

    public String rule() {
        return rule;
    }

    /** Feeds the latest quotes to the rule; returns and publishes the alerts raised or cleared by them. */
    public List<PriceAlert> check(List<Quote> quotes) {
        List<PriceAlert> changes = new ArrayList<>();
        for (Quote quote : quotes) {
            DropWindow window = windows.computeIfAbsent(quote.symbol(), s -> new DropWindow(windowMillis));
            BigDecimal drop;
            BigDecimal high;
            synchronized (window) {
                window.add(quote.time(), quote.price());
                drop = window.dropPercent();
                high = window.high();
            }
            boolean alert = drop.compareTo(dropPercent) > 0;
            boolean changed = alert ? alerting.add(quote.symbol()) : alerting.remove(quote.symbol());
            if (changed) {
                changes.add(new PriceAlert("price-alert", quote.symbol(), alert ? PriceAlert.RAISED : PriceAlert.CLEARED,
                        quote.time(), quote.price(), high, drop, rule));
            }
        }
        changes.forEach(a -> producer.sendBody(PriceAlertRoutes.ALERTS, a));
        return changes;
    }

    public boolean isAlerting(String symbol) {
        return alerting.contains(symbol);
    }

    /** How far the symbol's last price is below the window's high, in percent; null before its first price. */
    public BigDecimal dropPercent(String symbol) {
        DropWindow window = windows.get(symbol);
        if (window == null) {
            return null;
        }
        synchronized (window) {
            return window.dropPercent();
        }
    }
}
