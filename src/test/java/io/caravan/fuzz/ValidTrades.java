package io.caravan.fuzz;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The valid trades interleaved with the hostile cases, in each provider's format, and what the bars must add up to:
 * per symbol, the exact sum of their sizes and their number. Their symbols are known and no mutation produces them;
 * some look hostile (a path, SQL, a Redis pattern, HTML) but are legal symbols, and must come out literally.
 */
final class ValidTrades {

    /** Valid symbols per provider: plain ones and legal-but-hostile ones. */
    static final Map<Provider, List<String>> SYMBOLS = Map.of(
            Provider.FINNHUB, List.of("FZ-F1", "FZ:F2", "../fz-f3", "<script>fz-f4</script>"),
            Provider.BINANCE, List.of("FZB1USDT", "FZB2BTC", "fz';DROP/**/TABLE/**/bars;--b3"),
            Provider.ALLTICK, List.of("FZA1.US", "FZA2.HK", "fz*?[a3]"),
            Provider.CSV, List.of("FZ-C1", "../../fz-c2", "%2e%2e%2ffz-c3", "fz';DROP/**/TABLE/**/bars;--c4",
                    "fz*?[c5]", "fz<script>alert(6)</script>", "東京fz7"));

    /** The last valid trade of each provider: when it is in, everything before it was read. */
    static String sentinel(Provider provider) {
        return "FZ-END-" + provider.name();
    }

    private final Random random;
    private final long baseMillis;
    private final Map<String, BigDecimal> volume = new TreeMap<>();
    private final Map<String, Long> count = new TreeMap<>();
    private long sent;

    ValidTrades(Random random, long baseMillis) {
        this.random = random;
        this.baseMillis = baseMillis;
    }

    /** One valid frame (or CSV row) of the provider; Finnhub frames hold one to three trades. */
    String next(Provider provider) {
        return frame(provider, SYMBOLS.get(provider).get(random.nextInt(SYMBOLS.get(provider).size())));
    }

    String last(Provider provider) {
        return frame(provider, sentinel(provider));
    }

    private String frame(Provider provider, String symbol) {
        return switch (provider) {
            case FINNHUB -> {
                StringBuilder data = new StringBuilder();
                int n = symbol.startsWith("FZ-END") ? 1 : 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String s = i == 0 ? symbol : SYMBOLS.get(provider).get(random.nextInt(SYMBOLS.get(provider).size()));
                    Trade t = trade(s);
                    data.append(i == 0 ? "" : ",").append("{\"c\":[\"1\",\"12\"],\"p\":").append(t.price).append(",\"s\":")
                            .append(json(s)).append(",\"t\":").append(t.ts).append(",\"v\":").append(t.size).append('}');
                }
                yield "{\"data\":[" + data + "],\"type\":\"trade\"}";
            }
            case BINANCE -> {
                Trade t = trade(symbol);
                yield "{\"stream\":\"fz@trade\",\"data\":{\"e\":\"trade\",\"E\":" + t.ts + ",\"s\":" + json(symbol)
                        + ",\"t\":" + t.id + ",\"p\":\"" + t.price + "\",\"q\":\"" + t.size + "\",\"T\":" + t.ts
                        + ",\"m\":true,\"M\":true}}";
            }
            case ALLTICK -> {
                Trade t = trade(symbol);
                yield "{\"cmd_id\":22998,\"data\":{\"code\":" + json(symbol) + ",\"seq\":" + t.id + ",\"tick_time\":\""
                        + t.ts + "\",\"price\":\"" + t.price + "\",\"volume\":\"" + t.size
                        + "\",\"turnover\":\"0\",\"trade_direction\":1}}";
            }
            case CSV -> {
                Trade t = trade(symbol);
                yield t.ts + "," + symbol + "," + t.price + "," + t.size + "," + t.id;
            }
        };
    }

    private record Trade(long ts, String price, String size, long id) {
    }

    private Trade trade(String symbol) {
        sent++;
        BigDecimal size = random.nextInt(20) == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(random.nextInt(1_000_000_000), random.nextInt(7));
        BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(10_000_000), 1 + random.nextInt(4));
        volume.merge(symbol, size, BigDecimal::add);
        count.merge(symbol, 1L, Long::sum);
        // one millisecond apart: no two valid trades are alike, so none is taken for a duplicate
        return new Trade(baseMillis + sent, price.toPlainString(), size.toPlainString(), 7_000_000_000L + sent);
    }

    /** A JSON string: the valid symbols hold no control characters, only quotes and backslashes to escape. */
    private static String json(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    Map<String, BigDecimal> volumes() {
        return volume;
    }

    Map<String, Long> counts() {
        return count;
    }

    long sent() {
        return sent;
    }
}
