package io.caravan.bar;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.CaravanConfig;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

/**
 * Decides when buckets close: at {@code open + interval + grace} on the wall clock (live feeds) or on event time
 * (replays: the largest trade time seen, a jump of more than {@code caravan.bars.max-clock-jump} once confirmed).
 * Also refuses ticks whose bucket has already closed (late).
 */
@ApplicationScoped
@Named("barClock")
public class BarClock {

    public enum Mode {
        WALL,
        EVENT
    }

    private final Mode mode;
    private final BarIntervals intervals;
    private final OpenBars openBars;
    private final FlatBars flatBars;
    private final EventClock eventTime;
    private final BarCloser closer;
    private long sweptBoundary = Long.MIN_VALUE;
    /** Period of the bar-clock timer route. */
    public static final long TIMER_PERIOD_MS = 10;
    static final long RESWEEP_MS = 250;
    private long wallSweptBoundary = Long.MIN_VALUE;
    private long lastWallSweep;

    public BarClock(CaravanConfig config, BarIntervals intervals, OpenBars openBars, FlatBars flatBars,
            BarCloser closer) {
        this.mode = resolveMode(config);
        this.closer = closer;
        this.eventTime = new EventClock(config.bars().maxClockJump());
        this.intervals = intervals;
        this.openBars = openBars;
        this.flatBars = flatBars;
    }

    static Mode resolveMode(CaravanConfig config) {
        if (config.bars().clock().isPresent()) {
            String text = config.bars().clock().get().trim().toUpperCase(Locale.ROOT);
            try {
                return Mode.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("caravan.bars.clock must be wall or event, not " + text);
            }
        }
        return config.feeds().equals(List.of("replay")) ? Mode.EVENT : Mode.WALL;
    }

    public Mode mode() {
        return mode;
    }

    /** The time bars close by: the wall clock, or event time (the largest trade time seen, see {@link EventClock}). */
    public long now() {
        return mode == Mode.WALL ? System.currentTimeMillis() : eventTime.now();
    }

    /** Passes the tick on, or refuses it as late when its base bucket has closed; advances event time. */
    public Tick admit(Tick tick) {
        Interval base = intervals.base();
        long closesAt = intervals.closesAt(base, base.bucketStart(tick.ts()));
        if (closesAt <= now()) {
            throw new TickRejectedException(RejectReason.LATE,
                    "bucket " + Instant.ofEpochMilli(base.bucketStart(tick.ts())) + " closed at " + Instant.ofEpochMilli(closesAt),
                    tick.toString());
        }
        if (mode == Mode.EVENT) {
            eventTime.observe(tick.ts());
        }
        return tick;
    }

    /** After each live tick: with event time, close what the newest tick's time has passed. */
    public void afterTick() {
        if (mode == Mode.EVENT) {
            sweepOnBoundary(eventTime.now());
        }
    }

    /**
     * Called every {@link #TIMER_PERIOD_MS}: with wall time, close what is due. Buckets fall due together when
     * (now - grace) crosses a multiple of the base interval, so that crossing is swept within one period (the bar
     * latency); in between, a full scan of the open groups runs only every {@link #RESWEEP_MS}, for a tick that was
     * admitted just before its bucket's sweep and reached its group just after.
     */
    public void onTimer() {
        if (mode == Mode.WALL) {
            long now = System.currentTimeMillis();
            long boundary = intervals.base().bucketStart(now - intervals.graceMillis());
            boolean sweep = boundary > wallSweptBoundary || now - lastWallSweep >= RESWEEP_MS;
            if (sweep) {
                wallSweptBoundary = boundary;
                lastWallSweep = now;
            }
            long flatEndedBy = now - intervals.graceMillis() - FlatBars.SETTLE_MS;
            closer.run(() -> {
                if (sweep) {
                    closeDue(now, flatEndedBy);
                }
                flatBars.fill(flatEndedBy);
                return null;
            });
        }
    }

    /** End of input: close every open bar, whatever the clock says (and judge the buckets ended by then). */
    public synchronized int flush() {
        long now = now();
        return closer.run(() -> closeDue(Long.MAX_VALUE, now));
    }

    /**
     * Closes the bars due at {@code now}. With flat bars on, in the order of their ends, the flat bars of the buckets
     * that ended before each are sent first (as far as {@code flatEndedBy}): a quiet stretch's flat bars never follow
     * the next bar with trades in a file, even when a sweep closes several buckets at once (a replay's batch, a
     * jump of the clock).
     */
    private int closeDue(long now, long flatEndedBy) {
        long grace = intervals.graceMillis();
        if (!flatBars.enabled()) {
            return closeRest(now);
        }
        int closed = 0;
        long previous = Long.MIN_VALUE;
        OptionalLong end;
        // each step closes every bar ending by then, so the ends grow; one that does not (a group a failure kept
        // open, a straggler) is left to the last closeDue
        while ((end = openBars.earliestEnd()).isPresent() && end.getAsLong() <= now - grace
                && end.getAsLong() > previous) {
            previous = end.getAsLong();
            flatBars.fill(Math.min(previous - intervals.base().millis(), flatEndedBy));
            closed += openBars.closeDue(previous + grace, grace);
        }
        flatBars.fill(flatEndedBy);
        return closed + closeRest(now);
    }

    /** At the end of input ({@code now} = MAX) every bar closes, and the closed ones stay revisable. */
    private int closeRest(long now) {
        return now == Long.MAX_VALUE ? openBars.closeAll() : openBars.closeDue(now, intervals.graceMillis());
    }

    // A bucket can only become due when (now - grace) crosses a multiple of the base interval, so the scan of open
    // groups runs once per base interval of event time instead of once per tick.
    private synchronized void sweepOnBoundary(long now) {
        long boundary = intervals.base().bucketStart(now - intervals.graceMillis());
        if (boundary > sweptBoundary) {
            sweptBoundary = boundary;
            closer.run(() -> closeDue(now, now - intervals.graceMillis()));
        }
    }
}
