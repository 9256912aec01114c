package io.caravan.simulator;

import java.util.Optional;

/** The candle resolutions the simulator answers, by Finnhub's parameter spelling. */
enum CandleResolution {
    ONE_MINUTE("1", 1),
    FIVE_MINUTES("5", 5),
    FIFTEEN_MINUTES("15", 15),
    THIRTY_MINUTES("30", 30),
    ONE_HOUR("60", 60),
    ONE_DAY("D", 24 * 60);

    private final String code;
    private final long millis;

    CandleResolution(String code, long minutes) {
        this.code = code;
        this.millis = minutes * 60_000L;
    }

    static Optional<CandleResolution> fromCode(String code) {
        for (CandleResolution resolution : values()) {
            if (resolution.code.equals(code)) {
                return Optional.of(resolution);
            }
        }
        return Optional.empty();
    }

    /** Bars start on UTC multiples of this, days at UTC midnight. */
    long millis() {
        return millis;
    }
}
