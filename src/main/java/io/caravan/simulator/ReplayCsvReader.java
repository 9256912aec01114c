package io.caravan.simulator;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the replay CSV ({@code timestamp,symbol,price,size[,trade_id]}, columns found by header name) row by row.
 * Rows that do not parse are skipped and counted: the simulator stands in for an exchange, it is not caravan's
 * validator, and it must never put text on the wire that is not valid JSON.
 */
final class ReplayCsvReader implements Closeable {

    /** JSON's number grammar: BigDecimal alone would also accept "+1", ".5" and "1." which JSON does not. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]{1,18}");

    private final BufferedReader in;
    private final int timestampColumn;
    private final int symbolColumn;
    private final int priceColumn;
    private final int sizeColumn;
    private final int columnsNeeded;
    private long skippedRows;

    ReplayCsvReader(BufferedReader in) throws IOException {
        this.in = in;
        String header = in.readLine();
        if (header == null) {
            throw new IOException("Replay file is empty");
        }
        List<String> names = split(header.replace("\uFEFF", ""));
        names.replaceAll(name -> name.trim().toLowerCase(Locale.ROOT));
        timestampColumn = required(names, "timestamp");
        symbolColumn = required(names, "symbol");
        priceColumn = required(names, "price");
        sizeColumn = required(names, "size");
        columnsNeeded = 1 + Math.max(Math.max(timestampColumn, symbolColumn), Math.max(priceColumn, sizeColumn));
    }

    /** The next row that parses, or null at the end of the file. */
    SimTrade next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            SimTrade trade = parse(split(line));
            if (trade != null) {
                return trade;
            }
            skippedRows++;
        }
        return null;
    }

    long skippedRows() {
        return skippedRows;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private SimTrade parse(List<String> fields) {
        if (fields.size() < columnsNeeded) {
            return null;
        }
        String symbol = fields.get(symbolColumn).trim();
        String price = fields.get(priceColumn).trim();
        String size = fields.get(sizeColumn).trim();
        Long timestamp = epochMillis(fields.get(timestampColumn).trim());
        if (timestamp == null || symbol.isEmpty() || !JSON_NUMBER.matcher(price).matches()
                || !JSON_NUMBER.matcher(size).matches()) {
            return null;
        }
        return new SimTrade(symbol, timestamp, price, size);
    }

    private static Long epochMillis(String text) {
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static int required(List<String> names, String name) throws IOException {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IOException("Replay file header lacks column '" + name + "': " + names);
        }
        return index;
    }

    /** Comma separated, double quotes around a field allowed ("" inside quotes is one quote). */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
