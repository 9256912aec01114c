package io.caravan.bar;

import static io.caravan.bar.FlatBarsFeedTest.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.bar.FlatBarsFeedTest.Row;
import io.caravan.support.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Flat bars on the event clock: a replay where a crypto pair and a US stock go quiet at 10:00 New York on a Monday,
 * and a Hong Kong stock (23:00 there, out of session) too. The flat bars follow event time; at the end of input the
 * buckets ended by the last trade are judged.
 */
@QuarkusTest
@TestProfile(FlatBarsReplayTest.Profile.class)
class FlatBarsReplayTest {

    static final Path DATA = Path.of("target/test-data/flat-bars-replay");
    static final Path INPUT = DATA.resolveSibling("flat-bars-replay.csv");
    /** Monday 2026-11-16 15:00 UTC: 10:00 in New York, 23:00 in Hong Kong. */
    static final long T0 = Instant.parse("2026-11-16T15:00:00Z").toEpochMilli();
    static final String BTC = "BINANCE:BTCUSDT";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            writeInput();
            return Map.of("caravan.feeds", "replay", "caravan.replay.file", INPUT.toString(),
                    "caravan.data-dir", DATA.toString(), "caravan.sinks", "csv", "caravan.intervals", "1s,5s",
                    "caravan.bars.flat", "true");
        }
    }

    /** One trade per second at {@code base + second}: BTC quiet from 3 to 12 s, the stocks from 2 to 14 s. */
    static void writeInput() {
        List<String> lines = new ArrayList<>(List.of("timestamp,symbol,price,size"));
        for (int s = 0; s < 20; s++) {
            if (s < 3 || s > 12) {
                lines.add((T0 + s * 1000 + 500) + "," + BTC + "," + (100 + s) + ",1");
            }
            if (s < 2 || s > 14) {
                lines.add((T0 + s * 1000 + 500) + ",AAPL," + (200 + s) + ",1");
                lines.add((T0 + s * 1000 + 500) + ",700.HK," + (300 + s) + ",1");
            }
        }
        try {
            Files.createDirectories(INPUT.getParent());
            Files.write(INPUT, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "second open close trades" per row, seconds from T0. */
    static List<String> summary(List<Row> rows) {
        return rows.stream().map(r -> (r.time() - T0) / 1000 + " " + r.open().toPlainString() + " "
                + r.close().toPlainString() + " " + r.trades()).toList();
    }

    static List<String> flat(int from, int to, int price) {
        List<String> rows = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            rows.add(s + " " + price + " " + price + " 0");
        }
        return rows;
    }

    static List<String> real(int from, int to, int base) {
        List<String> rows = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            rows.add(s + " " + (base + s) + " " + (base + s) + " 1");
        }
        return rows;
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    void flatBarsFollowEventTime() throws Exception {
        assertEquals(Boolean.TRUE, Await.replaySummary(DATA, Duration.ofMinutes(2)).get("ok"));

        assertEquals(concat(real(0, 2, 100), flat(3, 12, 102), real(13, 19, 100)), summary(csv(DATA, BTC, "1s")));
        assertEquals(List.of("0 100 102 3", "5 102 102 0", "10 113 114 2", "15 115 119 5"),
                summary(csv(DATA, BTC, "5s")), "the 5s bar after the flat one opens at its first trade");

        assertEquals(concat(real(0, 1, 200), flat(2, 14, 201), real(15, 19, 200)), summary(csv(DATA, "AAPL", "1s")));
        assertEquals(List.of("0 200 201 2", "5 201 201 0", "10 201 201 0", "15 215 219 5"),
                summary(csv(DATA, "AAPL", "5s")));

        // 23:00 in Hong Kong: out of session, no flat bar
        assertEquals(concat(real(0, 1, 300), real(15, 19, 300)), summary(csv(DATA, "700.HK", "1s")));
        assertEquals(List.of("0 300 301 2", "15 315 319 5"), summary(csv(DATA, "700.HK", "5s")));
    }
}
