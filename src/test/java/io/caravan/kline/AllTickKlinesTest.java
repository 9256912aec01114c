package io.caravan.kline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.caravan.support.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code caravan.klines.provider=alltick}: the simulator's AllTick kline paths (AAPL.US on the stock path, MSFT and
 * NODATA on the FX/crypto path), VWAP from the turnover, no trade count. AllTick's token is a query parameter: with
 * debug logging on for io.caravan, org.apache.camel and org.apache.hc, no log line of a poll, its retries and its
 * refused answer holds the token.
 */
@QuarkusTest
@TestProfile(AllTickKlinesTest.Profile.class)
class AllTickKlinesTest extends ProviderKlinesTest {

    static final KlineRun RUN = new KlineRun("alltick-klines", 18812);
    static final String TOKEN = "alltick-test-token-5d2f9b";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = RUN.config("alltick", "AAPL.US,MSFT,NODATA", "test:alltick-klines:");
            config.put("caravan.alltick.token", TOKEN);
            config.put("quarkus.log.category.\"io.caravan\".level", "DEBUG");
            config.put("quarkus.log.category.\"org.apache.camel\".level", "DEBUG");
            config.put("quarkus.log.category.\"org.apache.hc\".level", "DEBUG");
            return config;
        }
    }

    @Override
    KlineRun run() {
        return RUN;
    }

    @Override
    String provider() {
        return "alltick";
    }

    @Override
    String simulatorSymbol(String barSymbol) {
        return barSymbol.endsWith(".US") ? barSymbol.substring(0, barSymbol.length() - 3) : barSymbol;
    }

    @Override
    boolean reportsTradeCount() {
        return false;
    }

    @Test
    void theTokenIsInNoLogLineOfAPollEvenAtDebug() {
        long noData = stats.get(KlineStats.NO_DATA);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertEquals(200, Http.post(RUN.sim() + "/sim/candle/fail?status=429&retryAfter=1&count=1", "").status());
            assertEquals(200, Http.post(RUN.sim() + "/sim/candle/fail?status=503&count=1", "").status());
            assertEquals(200, Http.post(RUN.sim() + "/sim/candle/malformed?count=1", "").status());
            round();
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(noData + 1, stats.get(KlineStats.NO_DATA), "NODATA: an empty kline_list, asked with the token");
        List<String> lines = records.stream().map(AllTickKlinesTest::text).toList();
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() < Level.INFO.intValue()
                && r.getLoggerName().startsWith("org.apache.camel")), "Camel logged at DEBUG: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("alltick AAPL.US") && l.contains("HTTP 429")),
                "the retry was logged: " + lines);
        String encoded = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
        for (String line : lines) {
            assertFalse(line.contains(TOKEN) || line.contains(encoded), "the token was logged: " + line);
        }
    }

    /** Logger, formatted message and stack trace of a record. */
    private static String text(LogRecord record) {
        String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : record.getMessage();
        StringWriter out = new StringWriter().append(record.getLoggerName()).append(": ").append(message);
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(out));
        }
        return out.toString();
    }
}
