package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

    @ParameterizedTest
    @CsvSource({ "1m,60000", "5m,300000", "15m,900000", "30m,1800000", "1h,3600000", "1d,86400000", "30s,30000",
            "4h,14400000", "1s,1000" })
    void parsesIntervalsThatDivideADay(String text, long millis) {
        Interval i = Interval.parse(text);
        assertEquals(millis, i.millis());
        assertEquals(text, i.label());
        assertEquals(text, i.toString());
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertEquals(Interval.parse("5m"), Interval.parse(" 5m "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "7m", "0m", "m", "1x", "-1m", "", "1", "1M", "1 m", "7h", "25h", "2d", "1.5m", "13s",
            // n * unit overflows a long and wraps to 60000 ms: must not pass as a 1-minute interval
            "576460752303423489m", "99999999999999999999m" })
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> Interval.parse(text));
    }

    @Test
    void bucketStartIsFlooredToTheUtcEpoch() {
        Interval m1 = Interval.parse("1m");
        Interval m5 = Interval.parse("5m");
        Interval h1 = Interval.parse("1h");
        Interval d1 = Interval.parse("1d");
        long ts = Instant.parse("2024-08-08T23:57:42.123Z").toEpochMilli();
        assertEquals(Instant.parse("2024-08-08T23:57:00Z").toEpochMilli(), m1.bucketStart(ts));
        assertEquals(Instant.parse("2024-08-08T23:55:00Z").toEpochMilli(), m5.bucketStart(ts));
        assertEquals(Instant.parse("2024-08-08T23:00:00Z").toEpochMilli(), h1.bucketStart(ts));
        assertEquals(Instant.parse("2024-08-08T00:00:00Z").toEpochMilli(), d1.bucketStart(ts));
        assertEquals(Instant.parse("2024-08-08T23:57:30Z").toEpochMilli(), Interval.parse("30s").bucketStart(ts));
    }

    @Test
    void bucketEdges() {
        Interval m1 = Interval.parse("1m");
        long start = Instant.parse("2024-08-08T23:55:00Z").toEpochMilli();
        assertEquals(start, m1.bucketStart(start));
        assertEquals(start, m1.bucketStart(start + 59_999));
        assertEquals(start + 60_000, m1.bucketStart(start + 60_000));
        assertEquals(start - 60_000, m1.bucketStart(start - 1));
        assertEquals(0, m1.bucketStart(0));
    }

    @Test
    void bucketStartBefore1970FloorsTowardsMinusInfinity() {
        Interval m1 = Interval.parse("1m");
        assertEquals(-60_000, m1.bucketStart(-1));
        assertEquals(-60_000, m1.bucketStart(-60_000));
        assertEquals(-120_000, m1.bucketStart(-60_001));
        long ts = Instant.parse("1969-12-31T23:58:30.500Z").toEpochMilli();
        assertEquals(Instant.parse("1969-12-31T23:58:00Z").toEpochMilli(), m1.bucketStart(ts));
        assertEquals(Instant.parse("1969-12-31T00:00:00Z").toEpochMilli(), Interval.parse("1d").bucketStart(ts));
    }

    @Test
    void bucketsNest() {
        Interval m1 = Interval.parse("1m");
        Interval m15 = Interval.parse("15m");
        for (long ts = -3_600_000; ts < 3_600_000; ts += 7_777) {
            long b = m15.bucketStart(ts);
            assertEquals(b, m15.bucketStart(m1.bucketStart(ts)));
            assertTrue(b <= ts && ts < b + m15.millis());
            assertEquals(0, Math.floorMod(b, m15.millis()));
        }
    }

    @Test
    void ordersByLength() {
        List<Interval> list = new ArrayList<>(List.of(Interval.parse("1h"), Interval.parse("30s"), Interval.parse("15m"),
                Interval.parse("1d"), Interval.parse("1m")));
        Collections.sort(list);
        assertEquals(List.of("30s", "1m", "15m", "1h", "1d"), list.stream().map(Interval::label).toList());
    }
}
