package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;
import io.caravan.bar.Interval;

class DeadLetterBarsTest {

    @TempDir
    Path dir;

    @Test
    void barsComeBackAsTheyWereWrittenAndWhatIsKeptStays() throws Exception {
        Bar live = new Bar("AIG", Interval.parse("1m"), 1_381_158_660_000L, new BigDecimal("48.90"),
                new BigDecimal("48.95"), new BigDecimal("48.88"), new BigDecimal("48.89"), new BigDecimal("4029"),
                new BigDecimal("196997.8200"), new BigDecimal("48.8949"), 23L, BarQuality.BACKFILLED, 2);
        Bar noVolume = new Bar("BAC", Interval.parse("1h"), 1_381_154_400_000L, BigDecimal.TEN, BigDecimal.TEN,
                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, null, null, BarQuality.FLAT, 0);
        Files.write(dir.resolve("bars-2026-12-07.ndjson"), List.of(record("jdbc", live), "{\"cut short",
                record("redis", noVolume)));

        DeadLetterBars deadLetter = new DeadLetterBars(dir);
        DeadLetterBars.Taken taken = deadLetter.take();
        assertEquals(List.of("jdbc", "redis"), taken.entries().stream().map(DeadLetterBars.Entry::sink).toList());
        Bar back = taken.entries().get(0).bar();
        assertEquals(new BarFields().json(live), new BarFields().json(back), "every field a sink writes");
        assertEquals(0, back.notional().compareTo(new BigDecimal("48.8949").multiply(new BigDecimal("4029"))));
        assertNull(taken.entries().get(1).bar().vwap());
        assertEquals(List.of("{\"cut short"), taken.unreadable());
        assertEquals(List.of(), Files.list(dir).toList(), "taken out");

        deadLetter.keep(List.of(taken.entries().get(1).line()));
        DeadLetterBars.Taken again = deadLetter.take();
        assertEquals(1, again.entries().size());
        assertEquals(new BarFields().json(noVolume), new BarFields().json(again.entries().get(0).bar()));
    }

    static String record(String sink, Bar bar) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", "2026-12-07T10:00:00Z");
        record.put("sink", sink);
        record.put("reason", "PSQLException: violates check constraint");
        record.put("bar", new BarFields().json(bar));
        return new ObjectMapper().writeValueAsString(record);
    }
}
