package io.caravan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every trade the built-in simulator made for a symbol, read back from its trades endpoint
 * ({@code GET /api/v1/stock/tick}), to compute the bars a test expects independently of what caravan received.
 */
public final class SimulatorTrades {

    private static final int LIMIT = 25_000;
    /** prices and sizes as the exact decimals served, not doubles */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SimulatorTrades() {
    }

    /**
     * @param simulatorSymbol the simulator's name of the symbol ({@code BINANCE:BTCUSDT} for Binance's BTCUSDT)
     * @param asSymbol        the name caravan gives its bars
     * @return the trades with {@code timestamp < to}, in the order made; {@code order} is the simulator's trade id
     */
    public static List<TestTrade> made(int port, String simulatorSymbol, String asSymbol, long to) {
        List<TestTrade> trades = new ArrayList<>();
        long total;
        do {
            JsonNode page = page(port, simulatorSymbol, to, trades.size());
            total = page.get("total").asLong();
            JsonNode t = page.get("t");
            for (int i = 0; i < t.size(); i++) {
                trades.add(new TestTrade(asSymbol, t.get(i).asLong(), decimal(page.get("p").get(i)),
                        decimal(page.get("v").get(i)), page.get("i").get(i).asLong()));
            }
            if (t.isEmpty()) {
                break;
            }
        } while (trades.size() < total);
        return trades;
    }

    private static JsonNode page(int port, String symbol, long to, int skip) {
        String url = "http://127.0.0.1:" + port + "/api/v1/stock/tick?symbol="
                + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&from=0&to=" + to + "&skip=" + skip + "&limit="
                + LIMIT;
        try {
            return JSON.readTree(Http.text(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal decimal(JsonNode number) {
        return number.decimalValue();
    }
}
