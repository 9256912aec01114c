package io.caravan.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The trades in a recorded Binance combined stream ({@code <ns> <frame>} lines), read independently of caravan. */
public final class BinanceTrades {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BinanceTrades() {
    }

    public static List<TestTrade> read(Path gz) {
        List<TestTrade> trades = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains("@trade\"")) {
                    continue;
                }
                JsonNode data = JSON.readTree(line.substring(line.indexOf(' ') + 1)).get("data");
                trades.add(new TestTrade(data.get("s").asText(), data.get("T").asLong(), new BigDecimal(data.get("p").asText()),
                        new BigDecimal(data.get("q").asText()), data.get("t").asLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return trades;
    }
}
