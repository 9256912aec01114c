package io.caravan.feed.finnhub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.bar.Interval;
import io.caravan.feed.KlineApi;
import io.caravan.feed.KlineCodec;

/**
 * Finnhub's {@code GET /api/v1/stock/candle?symbol=&resolution=&from=&to=} (UNIX seconds, both ends inclusive). The
 * token ({@code FINNHUB_TOKEN}) travels in the {@code X-Finnhub-Token} header, which Finnhub accepts as well as the
 * {@code token} query parameter, so it never appears in a URL.
 */
@ApplicationScoped
public class FinnhubKlineApi implements KlineApi {

    private final FinnhubCandleCodec codec;
    private final String token;

    public FinnhubKlineApi(FinnhubCandleCodec codec, CaravanConfig config) {
        this.codec = codec;
        this.token = config.finnhub().token().filter(t -> !t.isBlank()).orElse(null);
    }

    @Override
    public String provider() {
        return "finnhub";
    }

    @Override
    public KlineCodec codec() {
        return codec;
    }

    @Override
    public Query query(String symbol, Interval interval, long fromMillis, long toMillis) {
        String query = "symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&resolution="
                + resolution(interval) + "&from=" + Math.floorDiv(fromMillis, 1000L) + "&to="
                + Math.floorDiv(toMillis, 1000L);
        return new Query("/api/v1/stock/candle", query, token == null ? Map.of() : Map.of("X-Finnhub-Token", token));
    }

    static String resolution(Interval interval) {
        long minutes = interval.millis() / 60_000L;
        if (interval.millis() % 60_000L == 0) {
            if (minutes == 1 || minutes == 5 || minutes == 15 || minutes == 30 || minutes == 60) {
                return String.valueOf(minutes);
            }
            if (minutes == 24 * 60) {
                return "D";
            }
        }
        throw new IllegalArgumentException("Finnhub has no " + interval + " candles (1m, 5m, 15m, 30m, 1h, 1d)");
    }
}
