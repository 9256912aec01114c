package io.caravan.bar;

import static io.caravan.bar.FlatBarsFeedTest.BTC;
import static io.caravan.bar.FlatBarsFeedTest.FIVE;
import static io.caravan.bar.FlatBarsFeedTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.bar.FlatBarsFeedTest.Row;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code caravan.bars.flat} unset (off, the default): a halted pair's quiet buckets give no bar at all. */
@QuarkusTest
@TestProfile(FlatBarsOffTest.Profile.class)
class FlatBarsOffTest {

    static final int SIM_PORT = 18804;
    static final Path DATA = Path.of("target/test-data/flat-bars-off");
    static final String PG_SCHEMA = "caravan_flat_bars_off";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FlatBarsFeedTest.config(DATA, PG_SCHEMA, SIM_PORT, BTC);
        }
    }

    @Test
    void noFlatBarsByDefault() throws Exception {
        FlatBarsFeedTest.awaitBars(DATA, PG_SCHEMA, BTC, 3);
        long until = FlatBarsFeedTest.halt(SIM_PORT, BTC, "4s");
        long cutoff = FIVE * (until / FIVE) + FIVE;
        FlatBarsFeedTest.awaitRowsFrom(DATA, PG_SCHEMA, BTC, cutoff);

        for (String interval : List.of("1s", "5s")) {
            List<Row> database = FlatBarsFeedTest.database(PG_SCHEMA, BTC, interval);
            assertTrue(database.stream().noneMatch(r -> r.flat() || r.trades() == 0), database.toString());
            assertTrue(FlatBarsFeedTest.csv(DATA, BTC, interval).stream().noneMatch(Row::flat));
        }
        // the halt left quiet seconds, which flat bars would have filled
        List<Row> seconds = FlatBarsFeedTest.before(cutoff, FlatBarsFeedTest.database(PG_SCHEMA, BTC, "1s"));
        long longestGap = 0;
        for (int i = 1; i < seconds.size(); i++) {
            longestGap = Math.max(longestGap, seconds.get(i).time() - seconds.get(i - 1).time());
        }
        assertTrue(longestGap >= 4 * SECOND, "a gap of at least 3 missing seconds: " + seconds);
        assertEquals(FlatBarsFeedTest.values(seconds), FlatBarsFeedTest.values(
                FlatBarsFeedTest.before(cutoff, FlatBarsFeedTest.csv(DATA, BTC, "1s"))));
    }
}
