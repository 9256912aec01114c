package io.caravan.alert;

import java.math.BigDecimal;

/**
 * An alert raised or cleared for a symbol.
 *
 * @param time        event time of the price that changed the state, epoch milliseconds
 * @param high        the highest price of the window before it
 * @param dropPercent how far {@code price} is below {@code high}, in percent
 */
public record PriceAlert(String type, String symbol, String state, long time, BigDecimal price, BigDecimal high,
        BigDecimal dropPercent, String rule) {

    public static final String RAISED = "raised";
    public static final String CLEARED = "cleared";
}
