package io.caravan.feed.replay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.caravan.tick.RejectReason;

/**
 * Rows of a Lean (QuantConnect, AlgoSeek) trade tick file as caravan CSV rows: one symbol-day a file, times in
 * milliseconds since midnight New York local time (so a day with a DST change still lands right), prices in
 * 1/10000 USD. Rows flagged suspicious are left out, as the data's README says.
 */
final class LeanTickRows implements ReplayRows {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** {@code 20131007_aig_Trade_Tick.csv}, the file inside the zip. */
    private static final Pattern ENTRY = Pattern.compile("(?i)(?:.*/)?([0-9]{8})_([a-z0-9.\\-]+)_trade_tick\\.csv");
    /** {@code aig/20131007_trade.zip}. */
    private static final Pattern ZIP = Pattern.compile("(?i)(?:.*/)?([a-z0-9.\\-]+)/([0-9]{8})_trade\\.zip");
    private static final int MAX_MS_IN_DAY = 25 * 3_600_000; // a day with a DST change has 25 hours

    private final String symbol;
    private final long midnight;
    private long suspicious;

    private LeanTickRows(String symbol, LocalDate day) {
        this.symbol = symbol;
        this.midnight = day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
    }

    static boolean isLeanName(String name) {
        return name != null && (ENTRY.matcher(name).matches() || ZIP.matcher(name).matches());
    }

    /** @param name the entry's name ({@code 20131007_aig_Trade_Tick.csv}) or the zip's path */
    static LeanTickRows forName(String name) {
        Matcher entry = ENTRY.matcher(name);
        Matcher zip = ZIP.matcher(name);
        try {
            if (entry.matches()) {
                return new LeanTickRows(entry.group(2).toUpperCase(Locale.ROOT), LocalDate.parse(entry.group(1), DAY));
            }
            if (zip.matches()) {
                return new LeanTickRows(zip.group(1).toUpperCase(Locale.ROOT), LocalDate.parse(zip.group(2), DAY));
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("a Lean tick file is named <yyyyMMdd>_<symbol>_Trade_Tick.csv (in "
                + "<symbol>/<yyyyMMdd>_trade.zip), not " + name);
    }

    @Override
    public ReplayRow row(String line) {
        String[] c = line.split(",", -1);
        if (c.length < 6) {
            return ReplayRow.refused(RejectReason.MALFORMED, "a Lean trade tick has 6 columns, this one " + c.length,
                    line);
        }
        if (c[5].trim().equals("1")) {
            suspicious++;
            return null;
        }
        long ms;
        long price;
        try {
            ms = Long.parseLong(c[0].trim());
            price = Long.parseLong(c[1].trim());
        } catch (NumberFormatException e) {
            return ReplayRow.refused(RejectReason.NOT_A_NUMBER, "Lean time and price are whole numbers", line);
        }
        if (ms < 0 || ms > MAX_MS_IN_DAY) {
            return ReplayRow.refused(RejectReason.BAD_TIMESTAMP, "not a time of the day: " + ms + " ms", line);
        }
        long ts = midnight + ms;
        String size = c[2].trim();
        return new ReplayRow(ts, ts + "," + symbol + "," + BigDecimal.valueOf(price, 4).toPlainString() + "," + size
                + ",");
    }

    @Override
    public long leftOut() {
        return suspicious;
    }
}
