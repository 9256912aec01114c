package io.caravan.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class DropWindowTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void dropIsMeasuredFromTheHighestPriceOfTheWindow() {
        DropWindow w = new DropWindow(60_000);
        w.add(0, d("100"));
        w.add(10_000, d("103"));
        w.add(20_000, d("101"));
        w.add(30_000, d("99.91"));
        assertEquals(d("103"), w.high());
        assertEquals(d("3.0000"), w.dropPercent(), "(103 - 99.91) / 103");
    }

    @Test
    void aHighOlderThanTheWindowNoLongerCounts() {
        DropWindow w = new DropWindow(60_000);
        w.add(0, d("110"));
        w.add(30_000, d("100"));
        w.add(59_999, d("99"));
        assertEquals(d("110"), w.high());
        w.add(60_001, d("98"));
        assertEquals(d("100"), w.high(), "110 left the window; 100 at 30 s is the highest now");
        assertEquals(d("2.0000"), w.dropPercent());
    }

    @Test
    void aRisingPriceIsNoDrop() {
        DropWindow w = new DropWindow(60_000);
        for (int i = 0; i < 1000; i++) {
            w.add(i * 10L, BigDecimal.valueOf(100 + i));
        }
        assertEquals(BigDecimal.ZERO.setScale(4), w.dropPercent());
        assertEquals(d("1099"), w.high());
    }

    @Test
    void nothingSeenIsNoDrop() {
        assertEquals(BigDecimal.ZERO, new DropWindow(1000).dropPercent());
    }
}
