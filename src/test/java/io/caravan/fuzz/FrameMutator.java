package io.caravan.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Turns a real frame (or replay CSV row) into a hostile one with one mutation, from a seeded {@link Random}: the same
 * seed gives the same cases.
 */
final class FrameMutator {

    enum Mutation {
        TRUNCATE,
        WRONG_TYPE,
        SPECIAL_NUMBER,
        EXTREME_NUMBER,
        BAD_TIMESTAMP,
        HOSTILE_SYMBOL,
        DEEP_NESTING,
        BINARY,
        INVALID_UTF8,
        BYTE_EDIT,
        STRUCTURE,
        MANY_TRADES,
        /** 1 MB to 10 MB; chosen by the corpus a few times per run, never at random */
        HUGE_FRAME
    }

    /** The largest hostile frame: 10 MB and a bit. */
    static final int HUGE_BYTES = 10 * 1024 * 1024 + 17;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "fuzz-hole-7f3a9";
    private static final Set<String> SYMBOL_FIELDS = Set.of("s", "code");
    private static final Set<String> NUMBER_FIELDS = Set.of("p", "v", "q", "price", "volume", "t", "T", "E", "a", "seq",
            "tick_time", "f", "l", "turnover");
    private static final Set<String> TIME_FIELDS = Set.of("t", "T", "tick_time");
    private static final byte[][] INVALID_UTF8 = { { (byte) 0xFF }, { (byte) 0xC3, 0x28 },
            { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
            { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xE2, (byte) 0x82 }, { (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } };

    private static final String STRUCTURAL = "{}[]\":,\\0-e.";

    private final Random random;
    private int huge;

    FrameMutator(Random random) {
        this.random = random;
    }

    /** A random mutation other than {@link Mutation#HUGE_FRAME}, allowed by {@code allowed}. */
    Mutation pick(List<Mutation> allowed) {
        return allowed.get(random.nextInt(allowed.size()));
    }

    FuzzCase mutate(int index, Provider provider, String seed, Mutation mutation) {
        byte[] bytes;
        FuzzCase.FrameType type = FuzzCase.FrameType.TEXT;
        switch (mutation) {
            case TRUNCATE -> bytes = utf8(seed.substring(0, random.nextInt(Math.max(1, seed.length()))));
            case WRONG_TYPE -> bytes = utf8(replace(provider, seed, k -> true, one(HostileValues.WRONG_TYPES)));
            case SPECIAL_NUMBER -> bytes = utf8(replace(provider, seed, NUMBER_FIELDS::contains, maybeQuoted(one(HostileValues.SPECIAL_NUMBERS))));
            case EXTREME_NUMBER -> bytes = utf8(replace(provider, seed, NUMBER_FIELDS::contains, maybeQuoted(one(HostileValues.EXTREME_NUMBERS))));
            case BAD_TIMESTAMP -> bytes = utf8(replace(provider, seed, TIME_FIELDS::contains, random.nextBoolean()
                    ? one(HostileValues.TIMESTAMPS) : one(HostileValues.SPECIAL_NUMBERS)));
            case HOSTILE_SYMBOL -> bytes = utf8(replace(provider, seed, SYMBOL_FIELDS::contains, quoted(one(HostileValues.SYMBOLS))));
            case DEEP_NESTING -> bytes = utf8(replace(provider, seed, k -> true, nested(500 + random.nextInt(random.nextBoolean() ? 2_000 : 100_000))));
            case BINARY -> {
                bytes = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 65_536 : 512)];
                random.nextBytes(bytes);
                type = FuzzCase.FrameType.BINARY;
            }
            case INVALID_UTF8 -> {
                bytes = invalidUtf8(provider, seed);
                type = FuzzCase.FrameType.INVALID_TEXT;
            }
            case BYTE_EDIT -> bytes = byteEdits(utf8(seed));
            case STRUCTURE -> bytes = utf8(structure(provider, seed));
            case MANY_TRADES -> bytes = utf8(manyTrades(provider, seed));
            case HUGE_FRAME -> bytes = utf8(huge(provider, seed));
            default -> throw new IllegalStateException(mutation.toString());
        }
        if (type == FuzzCase.FrameType.TEXT && !isUtf8(bytes)) {
            type = FuzzCase.FrameType.INVALID_TEXT;
        }
        return new FuzzCase(index, provider, mutation, bytes, type);
    }

    private String one(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String maybeQuoted(String raw) {
        return random.nextBoolean() ? quoted(raw) : raw;
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquoted(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            try {
                return JSON.readValue(raw, String.class);
            } catch (JsonProcessingException e) {
                return raw.substring(1, raw.length() - 1);
            }
        }
        return raw;
    }

    /** Nested arrays or objects, {@code depth} deep, around a number. */
    private String nested(int depth) {
        if (random.nextBoolean()) {
            return "[".repeat(depth) + "1" + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /**
     * The seed with the value of one field whose name {@code field} accepts (any field when none does) replaced by
     * raw text. CSV rows: one cell, chosen by the same names (0 timestamp, 1 symbol, 2 price, 3 size, 4 trade id).
     */
    String replace(Provider provider, String seed, Predicate<String> field, String raw) {
        if (provider == Provider.CSV) {
            return replaceCell(seed, field, unquoted(raw));
        }
        try {
            JsonNode root = JSON.readTree(seed);
            List<Runnable> holes = new ArrayList<>();
            List<Runnable> any = new ArrayList<>();
            leaves(root, field, holes, any);
            List<Runnable> from = holes.isEmpty() ? any : holes;
            from.get(random.nextInt(from.size())).run();
            return JSON.writeValueAsString(root).replace(quoted(HOLE), raw);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("seed is not JSON: " + seed, e);
        }
    }

    private static void leaves(JsonNode node, Predicate<String> field, List<Runnable> matching, List<Runnable> any) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fieldNames(); it.hasNext();) {
                String name = it.next();
                JsonNode child = object.get(name);
                Runnable hole = () -> object.set(name, TextNode.valueOf(HOLE));
                if (child.isValueNode()) {
                    any.add(hole);
                    if (field.test(name)) {
                        matching.add(hole);
                    }
                } else {
                    leaves(child, field, matching, any);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int at = i;
                if (array.get(i).isValueNode()) {
                    any.add(() -> array.set(at, TextNode.valueOf(HOLE)));
                } else {
                    leaves(array.get(i), field, matching, any);
                }
            }
        }
    }

    private String replaceCell(String row, Predicate<String> field, String value) {
        String[] cells = row.split(",", -1);
        List<Integer> columns = new ArrayList<>();
        String[][] names = { { "t", "T", "tick_time" }, { "s", "code" }, { "p", "price" }, { "v", "q", "volume" }, { "a", "seq" } };
        for (int c = 0; c < Math.min(cells.length, names.length); c++) {
            for (String name : names[c]) {
                if (field.test(name)) {
                    columns.add(c);
                    break;
                }
            }
        }
        int column = columns.isEmpty() ? random.nextInt(cells.length) : columns.get(random.nextInt(columns.size()));
        cells[column] = value;
        return String.join(",", cells);
    }

    private byte[] invalidUtf8(Provider provider, String seed) {
        byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        byte[] frame;
        if (random.nextBoolean()) {
            // inside the symbol: a symbol whose bytes are not text
            frame = utf8(replace(provider, seed, SYMBOL_FIELDS::contains, quoted("FZX" + HOLE)));
            String text = new String(frame, StandardCharsets.UTF_8);
            int at = text.indexOf(HOLE);
            return concat(utf8(text.substring(0, at)), bad, utf8(text.substring(at + HOLE.length())));
        }
        frame = utf8(seed);
        int at = random.nextInt(frame.length + 1);
        return concat(java.util.Arrays.copyOfRange(frame, 0, at), bad, java.util.Arrays.copyOfRange(frame, at, frame.length));
    }

    private byte[] byteEdits(byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 16);
        out.writeBytes(frame);
        byte[] bytes = out.toByteArray();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes = concat(java.util.Arrays.copyOfRange(bytes, 0, at), new byte[] { (byte) random.nextInt(256) },
                        java.util.Arrays.copyOfRange(bytes, at, bytes.length));
                case 2 -> bytes = concat(java.util.Arrays.copyOfRange(bytes, 0, at), java.util.Arrays.copyOfRange(bytes, at + 1, bytes.length));
                default -> bytes[at] = (byte) STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length()));
            }
        }
        return bytes;
    }

    private String structure(Provider provider, String seed) {
        if (provider == Provider.CSV) {
            return switch (random.nextInt(5)) {
                case 0 -> seed.replace(",", "");
                case 1 -> seed + ",extra,cells,,";
                case 2 -> seed.substring(0, seed.lastIndexOf(','));
                case 3 -> "\"" + seed.replace(",", "\",\"") + "\"";
                default -> ",,,,";
            };
        }
        return switch (random.nextInt(9)) {
            case 0 -> "[" + seed + "]";
            case 1 -> quoted(seed);
            case 2 -> seed + seed;
            case 3 -> seed.replaceFirst("\\{", "{\"p\":-1,\"s\":\"\",");
            case 4 -> seed.replace("\"data\":", "\"data\":null,\"x\":");
            case 5 -> seed.replaceAll("\"data\":(\\[|\\{)", "\"data\":$1$1");
            case 6 -> seed.replace("\"trade\"", "\"TRADE\"").replace("22998", "22998.5");
            case 7 -> replace(provider, seed, k -> true, "\"\\u0000\\u001b\\u2028" + "\\ud800\"");
            default -> "{}";
        };
    }

    /** Hundreds or thousands of hostile trades in one frame (Finnhub's data array; one trade each elsewhere). */
    private String manyTrades(Provider provider, String seed) {
        if (provider != Provider.FINNHUB) {
            return replace(provider, seed, k -> true, one(HostileValues.EXTREME_NUMBERS));
        }
        int n = 100 + random.nextInt(random.nextBoolean() ? 400 : 4_900);
        StringBuilder data = new StringBuilder("{\"type\":\"trade\",\"data\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                data.append(',');
            }
            data.append("{\"p\":").append(one(HostileValues.EXTREME_NUMBERS)).append(",\"s\":")
                    .append(quoted(one(HostileValues.SYMBOLS))).append(",\"t\":").append(1_600_000_000_000L + i)
                    .append(",\"v\":").append(random.nextInt(3) - 1).append('}');
        }
        return data.append("]}").toString();
    }

    /** 1 MB to 10 MB: a padded string, whitespace, a long number, or a long conditions array. */
    private String huge(Provider provider, String seed) {
        // every other one (the first of a run among them) the full 10 MB
        int size = huge++ % 2 == 0 ? HUGE_BYTES : (1 << 20) + random.nextInt(HUGE_BYTES - (1 << 20));
        if (provider == Provider.CSV) {
            return replaceCell(seed, SYMBOL_FIELDS::contains, "A".repeat(size));
        }
        return switch (random.nextInt(4)) {
            case 0 -> replace(provider, seed, SYMBOL_FIELDS::contains, quoted("A".repeat(size)));
            case 1 -> seed.substring(0, seed.length() - 1) + " ".repeat(size) + "}";
            case 2 -> replace(provider, seed, NUMBER_FIELDS::contains, "1" + "0".repeat(size));
            default -> replace(provider, seed, k -> true, "[" + "\"1\",".repeat(size / 4) + "\"1\"]");
        };
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
