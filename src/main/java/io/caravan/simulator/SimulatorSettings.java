package io.caravan.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import io.caravan.CaravanConfig;
import io.caravan.feed.replay.ReplayPace;

/**
 * What one {@link ExchangeSimulator} serves and how. Kept apart from {@link CaravanConfig} so the simulator can be
 * started from a plain test without a Quarkus config.
 *
 * @param port            0 binds an ephemeral port; {@link ExchangeSimulator#port()} tells which
 * @param symbols         walked from the start in synthetic mode; clients may subscribe to more
 * @param file            replay CSV; absent = synthetic random walk
 * @param speed           {@code max}, or a factor of real time for file mode
 * @param settleDelay     wait after the first subscription before a file replay starts, so a client can subscribe
 *                        to all its symbols before the first row is sent
 * @param tradesPerSecond mean per symbol in synthetic mode
 * @param seed            makes the synthetic walk reproducible; absent = a new walk every run
 * @param pingInterval    Finnhub's JSON ping message to Finnhub clients
 * @param binancePingInterval WebSocket ping frames to Binance clients
 * @param dropEvery       closes every client connection this often (a flaky exchange, for gap-fill); absent = never
 * @param dropFor         after a drop, new connections are refused this long
 * @param subscribeDelay  a Finnhub connection's second subscription takes effect this long after its first, the third
 *                        as long after that, ... (an exchange that applies subscriptions one by one, slowly)
 * @param history         how much of the trades made the trades endpoints keep (time window and trade count)
 */
public record SimulatorSettings(String host, int port, List<String> symbols, Optional<Path> file, String speed,
        Duration settleDelay, double tradesPerSecond, Duration pingInterval, Optional<Long> seed,
        Duration binancePingInterval, Optional<Duration> dropEvery, Duration dropFor, Duration subscribeDelay,
        TradeHistoryLimits history) {

    /** With the default trade history: a day, at most {@link TradeHistoryLimits#DEFAULT_MAX_TRADES} trades. */
    public SimulatorSettings(String host, int port, List<String> symbols, Optional<Path> file, String speed,
            Duration settleDelay, double tradesPerSecond, Duration pingInterval, Optional<Long> seed,
            Duration binancePingInterval, Optional<Duration> dropEvery, Duration dropFor, Duration subscribeDelay) {
        this(host, port, symbols, file, speed, settleDelay, tradesPerSecond, pingInterval, seed, binancePingInterval,
                dropEvery, dropFor, subscribeDelay, TradeHistoryLimits.DEFAULT);
    }

    public static final String MAX_SPEED = "max";
    public static final Duration DEFAULT_BINANCE_PING_INTERVAL = Duration.ofSeconds(20);

    /** With Binance's ping interval, 20 s. */
    public SimulatorSettings(String host, int port, List<String> symbols, Optional<Path> file, String speed,
            Duration settleDelay, double tradesPerSecond, Duration pingInterval, Optional<Long> seed) {
        this(host, port, symbols, file, speed, settleDelay, tradesPerSecond, pingInterval, seed,
                DEFAULT_BINANCE_PING_INTERVAL);
    }

    /** Subscriptions applied at once. */
    public SimulatorSettings(String host, int port, List<String> symbols, Optional<Path> file, String speed,
            Duration settleDelay, double tradesPerSecond, Duration pingInterval, Optional<Long> seed,
            Duration binancePingInterval, Optional<Duration> dropEvery, Duration dropFor) {
        this(host, port, symbols, file, speed, settleDelay, tradesPerSecond, pingInterval, seed, binancePingInterval,
                dropEvery, dropFor, Duration.ZERO);
    }

    /** Never dropping connections. */
    public SimulatorSettings(String host, int port, List<String> symbols, Optional<Path> file, String speed,
            Duration settleDelay, double tradesPerSecond, Duration pingInterval, Optional<Long> seed,
            Duration binancePingInterval) {
        this(host, port, symbols, file, speed, settleDelay, tradesPerSecond, pingInterval, seed, binancePingInterval,
                Optional.empty(), Duration.ZERO);
    }

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(settleDelay, "settleDelay");
        if (settleDelay.isNegative()) {
            throw new IllegalArgumentException("settleDelay must not be negative: " + settleDelay);
        }
        if (pingInterval == null || pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
        if (binancePingInterval == null || binancePingInterval.isNegative() || binancePingInterval.isZero()) {
            throw new IllegalArgumentException("binancePingInterval must be positive: " + binancePingInterval);
        }
        if (!(tradesPerSecond >= 0) || Double.isInfinite(tradesPerSecond)) {
            throw new IllegalArgumentException("tradesPerSecond must be >= 0: " + tradesPerSecond);
        }
        Objects.requireNonNull(dropEvery, "dropEvery");
        if (dropEvery.isPresent() && (dropEvery.get().isNegative() || dropEvery.get().isZero())) {
            throw new IllegalArgumentException("dropEvery must be positive: " + dropEvery.get());
        }
        if (dropFor == null || dropFor.isNegative()) {
            throw new IllegalArgumentException("dropFor must not be negative: " + dropFor);
        }
        if (subscribeDelay == null || subscribeDelay.isNegative()) {
            throw new IllegalArgumentException("subscribeDelay must not be negative: " + subscribeDelay);
        }
        Objects.requireNonNull(history, "history");
        speed = speed == null ? MAX_SPEED : speed.trim();
        ReplayPace.parseSpeed(speed); // fail at configuration time, not when the first client subscribes
    }

    public static SimulatorSettings from(CaravanConfig config) {
        CaravanConfig.Simulator sim = config.simulator();
        return new SimulatorSettings(sim.host(), sim.port(), config.symbols(), sim.file().map(Path::of), sim.speed(),
                sim.settleDelay(), sim.tradesPerSecond(), sim.pingInterval(), sim.seed(), sim.binancePingInterval(),
                sim.dropEvery(), sim.dropFor(), sim.subscribeDelay(),
                new TradeHistoryLimits(sim.tradeHistory(), sim.tradeHistoryMaxTrades()));
    }

    /** The same settings with another trade history. */
    public SimulatorSettings withHistory(TradeHistoryLimits limits) {
        return new SimulatorSettings(host, port, symbols, file, speed, settleDelay, tradesPerSecond, pingInterval, seed,
                binancePingInterval, dropEvery, dropFor, subscribeDelay, limits);
    }

    /** Empty for {@code max}: send as fast as the clients read. */
    public OptionalDouble speedFactor() {
        return ReplayPace.parseSpeed(speed);
    }
}
