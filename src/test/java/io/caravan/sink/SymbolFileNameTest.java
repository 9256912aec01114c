package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolFileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "AAPL;AAPL",
            "BINANCE:BTCUSDT;BINANCE%3ABTCUSDT",
            "700.HK;700.HK",
            "BRK.B;BRK.B",
            "OANDA:EUR_USD;OANDA%3AEUR_USD",
            "BTC-PERP;BTC-PERP",
            "../etc/passwd;%2E%2E%2Fetc%2Fpasswd",
            "..;%2E%2E",
            ".;%2E",
            ".hidden;%2Ehidden",
            "a.;a%2E",
            "a..b;a.%2Eb",
            "a/b;a%2Fb",
            "a\\b;a%5Cb",
            "100%;100%25",
            "a b;a%20b",
            "東京;%E6%9D%B1%E4%BA%AC",
            "é;%C3%A9" })
    void encodes(String symbol, String expected) {
        assertEquals(expected, SymbolFileName.encode(symbol));
    }

    @Test
    void controlCharactersAreEncoded() {
        assertEquals("a%00b", SymbolFileName.encode("a\u0000b"));
        assertEquals("%0A", SymbolFileName.encode("\n"));
        assertEquals("", SymbolFileName.encode(""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../etc/passwd", "..", ".", "a/b", "a\\b", "a\u0000b", "/", "\\", "...", "./x", "x/..",
            "..\\..\\windows", "C:\\x", "東京:7203", "\uD83D\uDE80", "%2E%2E" })
    void neverLeavesItsDirectory(String symbol) {
        assertSafe(SymbolFileName.encode(symbol));
        Path dir = Path.of("data", "bars", "1m");
        Path file = dir.resolve(SymbolFileName.encode(symbol) + "_1m.csv").normalize();
        assertEquals(dir, file.getParent(), symbol + " -> " + file);
    }

    private static void assertSafe(String name) {
        assertFalse(name.contains("/"), name);
        assertFalse(name.contains("\\"), name);
        assertNotEquals(".", name);
        assertNotEquals("..", name);
        assertFalse(name.startsWith("."), name);
        assertFalse(name.contains(".."), name);
        assertTrue(name.matches("[A-Za-z0-9._%-]*"), name);
    }

    @Test
    void distinctSymbolsGiveDistinctNames() {
        String[] pieces = { "a", "Z", "0", ".", "..", "-", "_", "%", "%2E", "%25", "/", "\\", ":", " ", "\u0000", "é",
                "東", "\uD83D\uDE80", "|", "?", "\uFFFD" };
        Random random = new Random(11);
        Map<String, String> seen = new HashMap<>();
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(6);
            for (int j = 0; j < n; j++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            String symbol = s.toString();
            if (!symbols.add(symbol)) {
                continue;
            }
            String name = SymbolFileName.encode(symbol);
            assertSafe(name);
            String before = seen.put(name, symbol);
            assertNull(before, "'" + before + "' and '" + symbol + "' share the file name " + name);
        }
        assertTrue(symbols.size() > 10_000, "generated " + symbols.size());
    }

    @Test
    void unpairedSurrogatesDoNotCollide() {
        // a JSON frame can carry "\ud800": such symbols must not share a file with each other or with "?"
        Set<String> names = new HashSet<>();
        for (String symbol : new String[] { "?", "\uD800", "\uDC00", "\uDBFF", "\uD83D", "\uDE80", "\uFFFD", "A\uD800",
                "A?" }) {
            String name = SymbolFileName.encode(symbol);
            assertSafe(name);
            assertTrue(names.add(name), symbol + " -> " + name + " collides");
        }
    }

    @Test
    void wellFormedTextIsPercentEncodedUtf8() {
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            int cp;
            do {
                cp = random.nextInt(Character.MAX_CODE_POINT + 1);
            } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            String symbol = "X" + Character.toString(cp) + "Y";
            String decoded = URLDecoder.decode(SymbolFileName.encode(symbol), StandardCharsets.UTF_8);
            assertEquals(symbol, decoded, "code point " + Integer.toHexString(cp));
        }
    }

    @Test
    void caseIsKept() {
        assertEquals("aapl", SymbolFileName.encode("aapl"));
        assertEquals("AAPL", SymbolFileName.encode("AAPL"));
    }
}
