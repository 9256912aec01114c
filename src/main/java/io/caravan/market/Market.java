package io.caravan.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A market: where an instrument trades, its time zone and its regular trading hours, weekday by weekday in local
 * time (so New York's daylight-saving changes move the UTC hours, not the local ones). Public holidays, half days
 * and auctions are not modelled: a holiday reads as in session.
 */
public enum Market {

    /** NYSE/Nasdaq regular hours 09:30–16:00 New York time, Monday to Friday. */
    US("US", ZoneId.of("America/New_York"), weekdays(hours("09:30", "16:00"))),
    /** HKEX: 09:30–12:00 and 13:00–16:00 Hong Kong time (lunch break), Monday to Friday. */
    HK("HK", ZoneId.of("Asia/Hong_Kong"), weekdays(hours("09:30", "12:00"), hours("13:00", "16:00"))),
    /** Shanghai: 09:30–11:30 and 13:00–15:00 China time (lunch break), Monday to Friday. */
    SH("SS", ZoneId.of("Asia/Shanghai"), weekdays(hours("09:30", "11:30"), hours("13:00", "15:00"))),
    /** Shenzhen: the same hours as Shanghai. */
    SZ("SZ", ZoneId.of("Asia/Shanghai"), weekdays(hours("09:30", "11:30"), hours("13:00", "15:00"))),
    /** Spot FX and metals: from Sunday 17:00 to Friday 17:00 New York time. */
    FX("FX", ZoneId.of("America/New_York"), fxWeek()),
    /** Crypto: always open. Its instruments carry their venue as suffix ({@code BTCUSDT.BINANCE}). */
    CRYPTO(null, ZoneOffset.UTC, everyDay(hours("00:00", "24:00")));

    /** Local opening hours {@code [open, close)}; a close of 24:00 is the end of the day. */
    public record Hours(LocalTime open, LocalTime close, boolean toMidnight) {
    }

    /** One session as instants, {@code [open, close)}. */
    public record Session(Instant open, Instant close) {
        public boolean contains(Instant t) {
            return !t.isBefore(open) && t.isBefore(close);
        }
    }

    private final String suffix;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Hours>> week;

    Market(String suffix, ZoneId zone, Map<DayOfWeek, List<Hours>> week) {
        this.suffix = suffix;
        this.zone = zone;
        this.week = week;
    }

    /** The suffix of this market's instrument ids ({@code US}, {@code HK}, {@code SS}, {@code SZ}, {@code FX}); none for crypto. */
    public Optional<String> suffix() {
        return Optional.ofNullable(suffix);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The regular sessions of a local trading date, in order; empty on a weekend. */
    public List<Session> sessions(LocalDate date) {
        List<Session> sessions = new ArrayList<>(2);
        for (Hours h : week.getOrDefault(date.getDayOfWeek(), List.of())) {
            Instant open = ZonedDateTime.of(date, h.open(), zone).toInstant();
            Instant close = h.toMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, h.close(), zone).toInstant();
            sessions.add(new Session(open, close));
        }
        return sessions;
    }

    /** Whether {@code t} falls in a regular session. */
    public boolean isOpen(Instant t) {
        if (this == CRYPTO) {
            return true;
        }
        LocalDate date = LocalDate.ofInstant(t, zone);
        for (Session s : sessions(date)) {
            if (s.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code t} falls in a regular session, with the span around {@code t} in which no session opens or
     * closes, so that callers can reuse the answer ({@link SessionCache}). The span is bounded by the sessions of
     * the local dates before, of and after {@code t}'s.
     */
    public SessionState stateAt(Instant t) {
        if (this == CRYPTO) {
            return SessionState.ALWAYS_OPEN;
        }
        LocalDate date = LocalDate.ofInstant(t, zone);
        long at = t.toEpochMilli();
        long from = date.minusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long until = date.plusDays(2).atStartOfDay(zone).toInstant().toEpochMilli();
        boolean open = false;
        for (LocalDate day = date.minusDays(1); !day.isAfter(date.plusDays(1)); day = day.plusDays(1)) {
            for (Session s : sessions(day)) {
                long opens = s.open().toEpochMilli();
                long closes = s.close().toEpochMilli();
                open |= opens <= at && at < closes;
                for (long boundary : new long[] { opens, closes }) {
                    if (boundary <= at) {
                        from = Math.max(from, boundary);
                    } else {
                        until = Math.min(until, boundary);
                    }
                }
            }
        }
        return new SessionState(open, from, until);
    }

    private static Hours hours(String open, String close) {
        return "24:00".equals(close) ? new Hours(LocalTime.parse(open), LocalTime.MIDNIGHT, true)
                : new Hours(LocalTime.parse(open), LocalTime.parse(close), false);
    }

    private static Map<DayOfWeek, List<Hours>> weekdays(Hours... hours) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, List.of(hours));
            }
        }
        return week;
    }

    private static Map<DayOfWeek, List<Hours>> everyDay(Hours hours) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(hours));
        }
        return week;
    }

    private static Map<DayOfWeek, List<Hours>> fxWeek() {
        Map<DayOfWeek, List<Hours>> week = weekdays(hours("00:00", "24:00"));
        week.put(DayOfWeek.SUNDAY, List.of(hours("17:00", "24:00")));
        week.put(DayOfWeek.FRIDAY, List.of(hours("00:00", "17:00")));
        return week;
    }
}
