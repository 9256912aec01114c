package io.caravan.fuzz;

import java.util.List;

/** The catalogue of hostile values the mutations put into fields: raw JSON (or CSV) text, not always valid JSON. */
final class HostileValues {

    private HostileValues() {
    }

    /** NaN, infinities and exponents that are numbers on paper and explode in arithmetic or in plain form. */
    static final List<String> SPECIAL_NUMBERS = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf",
            "1e10000000", "1.777E+777777003", "1e2147483647", "1E+2147483648", "1e-2147483648", "-1e2147483647",
            "9e999999999", "1e-10000000", "5e-324", "1.7976931348623157e309", "0e2147483647", "1e", "1e+", "--1", "0x1F",
            "1_000", "+5", ".5", "5.", "01", "1.2.3", "1,5", "١٢٣");

    /** Negative and enormous numbers, zero and dust. */
    static final List<String> EXTREME_NUMBERS = List.of("-1", "-0", "0", "0.0", "-0.000001", "-1e300", "1e308",
            "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999999999999999", "123456789012345678.123456789012345678",
            "0.0000000000000000000000001", "1" + "0".repeat(999), "1" + "0".repeat(1200), "0." + "0".repeat(1500) + "1",
            "-" + "9".repeat(400), "4294967296", "2147483648", "1e18", "1e19");

    /** Timestamps out of range or out of form (the numbers' catalogue covers the numeric ones too). */
    static final List<String> TIMESTAMPS = List.of("\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"+10000-01-01T00:00:00Z\"", "\"2024-02-30T00:00:00Z\"", "\"2024-13-45T25:61:61Z\"", "\"yesterday\"", "\"\"",
            "\"1970-01-01T00:00:00.001Z\"", "\"2024-08-08T23:55:00\"", "\"2024-08-08T23:55:00+25:00\"",
            "9223372036854775807", "9223372036854775808", "-1", "0", "1e13", "1.7e12", "253402300800000",
            "-62135596800000", "1723161255342.5", "\"1723161255342\"", "\"0x191\"");

    /**
     * Symbols that try to leave the data directory, reach SQL, match Redis key patterns or run in HTML, plus ones
     * that are too long, invisible or not text. None of them is a symbol the valid trades use.
     */
    static final List<String> SYMBOLS = List.of("../../../etc/passwd", "..", ".", "../", "..\\..\\boot.ini",
            "%2e%2e%2f%2e%2e%2fetc", "%2E%2E", "/abs/path", "a\u0000b", "nul\u0000", "'; DROP TABLE bars; --",
            "x'OR'1'='1", "x\";DELETE/**/FROM/**/bars;--", "Robert');DROP/**/TABLE/**/bars;--", "*", "bar:*",
            "?[a-z]*", "\\*", "[^a]", "{a,b}", "<script>alert(1)</script>", "<img/src=x/onerror=alert(1)>",
            "\"><svg/onload=alert(1)>", "javascript:alert(1)", "&lt;b&gt;", "\u202Eevil", "\uD800", "\uDFFF\uD800",
            "\uFFFD", "\uFEFF", "\uD83D\uDE80".repeat(32), "東".repeat(64), "%".repeat(64), "A".repeat(65),
            "A".repeat(1000), "", " ", "\t", "AAPL\n", "A|B", "CON", "a/b", "a\\b", "\u2028", "\u001b[31m");

    /** Values of other JSON types for a field. */
    static final List<String> WRONG_TYPES = List.of("{}", "[]", "true", "false", "null", "\"\"", "\"abc\"", "[1,2]",
            "{\"p\":1}", "[[]]", "\"\\u0000\"", "1", "-1", "\"0\"");
}
