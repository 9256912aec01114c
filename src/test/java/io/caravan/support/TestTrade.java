package io.caravan.support;

import java.math.BigDecimal;

/** A trade as the tests know it, independently of the production classes. {@code order} breaks ts ties. */
public record TestTrade(String symbol, long ts, BigDecimal price, BigDecimal size, long order) {
}
