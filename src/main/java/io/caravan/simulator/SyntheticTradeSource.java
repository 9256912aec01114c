package io.caravan.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A random walk per symbol with Poisson arrivals and occasional bursts, so the downstream sees a market that is
 * neither silent nor metronomic. Each symbol has its own random stream derived from the seed, so a symbol's walk
 * does not change when another symbol is added or a client subscribes later.
 */
final class SyntheticTradeSource {

    private static final Map<String, Double> START_PRICES = Map.of(
            "AAPL", 230.0,
            "MSFT", 420.0,
            "AMZN", 185.0,
            "TSLA", 250.0,
            "NVDA", 120.0,
            "GOOGL", 165.0,
            "META", 500.0,
            "BINANCE:BTCUSDT", 60_000.0,
            "BINANCE:ETHUSDT", 3_000.0);

    private static final int[] ROUND_LOTS = { 100, 100, 100, 100, 200, 200, 300, 500, 500, 1000 };
    private static final double CRYPTO_MIN_SIZE = 0.00012;
    private static final double CRYPTO_MAX_SIZE = 0.5;

    /** Chance per trade, at {@link #REFERENCE_RATE}, that a quiet symbol starts a burst. */
    private static final double BURST_CHANCE = 0.01;

    private final double tradesPerSecond;
    /** Per-trade step and pull-back are set for this rate and scaled for others. */
    private static final double REFERENCE_RATE = 5;
    private final double stepScale;
    private final double pullBackScale;
    private final double burstChance;
    private final long seed;
    private final Map<String, Walk> walks = new LinkedHashMap<>();
    /** End of the last generated window; never moves back, even if the wall clock does. */
    private long generatedUntil;

    SyntheticTradeSource(List<String> symbols, double tradesPerSecond, Optional<Long> seed, long startMillis) {
        this.tradesPerSecond = tradesPerSecond;
        // the walk moves as much per second, and bursts start as often per second, at any rate: 100 trades/s would
        // otherwise swing 2 % within a minute and spend most of its time in bursts, at about 4 times the rate asked
        // for (scale 1 at up to 5/s, the default: the same walk as before)
        double perReference = tradesPerSecond > REFERENCE_RATE ? REFERENCE_RATE / tradesPerSecond : 1;
        this.stepScale = Math.sqrt(perReference);
        this.pullBackScale = perReference;
        this.burstChance = BURST_CHANCE * perReference;
        this.seed = seed.orElseGet(() -> new Random().nextLong());
        this.generatedUntil = startMillis;
        symbols.forEach(symbol -> addSymbol(symbol, startMillis));
    }

    /**
     * Starts walking a symbol a client asked for, from now on (no trades dated before the request); no-op for one
     * already walked.
     */
    void addSymbol(String symbol, long nowMillis) {
        walks.computeIfAbsent(symbol, s -> new Walk(s, randomFor(s), Math.max(generatedUntil, nowMillis)));
    }

    /**
     * Trades since the previous call, up to but excluding {@code toMillis}, ordered by timestamp. Every timestamp
     * is below {@code toMillis} and the next call starts there, so a frame per call never splits a same-timestamp
     * group.
     */
    List<SimTrade> generateUntil(long toMillis) {
        generatedUntil = Math.max(generatedUntil, toMillis);
        List<SimTrade> trades = new ArrayList<>();
        for (Walk walk : walks.values()) {
            walk.generate(generatedUntil, trades);
        }
        trades.sort(Comparator.comparingLong(SimTrade::timestamp)); // stable: per-symbol order survives
        return trades;
    }

    /**
     * The next slice of {@link #generateUntil}: trades up to {@code nowMillis}, but over a span short enough that
     * about {@code maxTrades} are expected at most (twice the mean rate), so no slice holds an event loop long
     * whatever the rate. The trades are the same however the time is sliced: each walk's arrivals are its own.
     */
    List<SimTrade> generateSlice(long nowMillis, int maxTrades) {
        double perMillis = 2 * tradesPerSecond * walks.size() / 1000.0;
        long span = perMillis <= 0 ? Long.MAX_VALUE : Math.max(1, (long) (maxTrades / perMillis));
        long sliceEnd = nowMillis - generatedUntil > span ? generatedUntil + span : nowMillis;
        return generateUntil(sliceEnd);
    }

    /** True while the market has not been generated up to {@code nowMillis}. */
    boolean isBehind(long nowMillis) {
        return generatedUntil < nowMillis;
    }

    /**
     * Moves a symbol's market by {@code percent} at once: the walk and the level it reverts to both move, so the
     * drop lasts, and one trade at the new price is returned (dated {@code nowMillis}). Empty for a symbol not walked.
     */
    Optional<SimTrade> shock(String symbol, double percent, long nowMillis) {
        Walk walk = walks.get(symbol);
        return walk == null ? Optional.empty() : Optional.of(walk.shock(percent, Math.max(nowMillis, generatedUntil)));
    }

    /**
     * A trading halt: the symbol trades no more until {@code untilMillis}, then resumes where it stood. False for a
     * symbol not walked.
     */
    boolean halt(String symbol, long untilMillis) {
        Walk walk = walks.get(symbol);
        if (walk == null) {
            return false;
        }
        walk.haltedUntil = untilMillis;
        return true;
    }

    private Random randomFor(String symbol) {
        return new Random(seed ^ (symbol.hashCode() * 0x9E3779B97F4A7C15L));
    }

    static double startPrice(String symbol) {
        Double known = START_PRICES.get(symbol);
        if (known != null) {
            return known;
        }
        return 10 + Math.floorMod(symbol.hashCode(), 49_001) / 100.0; // 10..500, stable per symbol
    }

    private final class Walk {
        private final String symbol;
        private final Random random;
        private final boolean crypto;
        private double startPrice;
        private double price;
        private double nextArrival;
        private double burstUntil = Double.NEGATIVE_INFINITY;
        private double burstFactor = 1;
        private long haltedUntil = Long.MIN_VALUE;

        Walk(String symbol, Random random, long startMillis) {
            this.symbol = symbol;
            this.random = random;
            this.crypto = Symbols.isCrypto(symbol);
            this.startPrice = startPrice(symbol);
            this.price = startPrice;
            this.nextArrival = startMillis + interArrival();
        }

        void generate(long toMillis, List<SimTrade> out) {
            while (nextArrival < toMillis) {
                if (nextArrival >= haltedUntil) {
                    out.add(new SimTrade(symbol, (long) Math.floor(nextArrival), nextPrice(), nextSize()));
                    maybeStartBurst();
                }
                nextArrival += interArrival();
            }
        }

        SimTrade shock(double percent, long time) {
            double factor = 1 + percent / 100;
            startPrice *= factor;
            price = BigDecimal.valueOf(Math.max(0.01, price * factor)).setScale(2, RoundingMode.HALF_UP).doubleValue();
            return new SimTrade(symbol, time, BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    nextSize());
        }

        private double interArrival() {
            double rate = tradesPerSecond * (nextArrival < burstUntil ? burstFactor : 1) / 1000.0;
            if (rate <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            return -Math.log(1 - random.nextDouble()) / rate; // exponential gaps make a Poisson process
        }

        private void maybeStartBurst() {
            if (nextArrival >= burstUntil && random.nextDouble() < burstChance) {
                burstFactor = 3 + random.nextInt(6);
                burstUntil = nextArrival + 500 + random.nextInt(2500);
            }
        }

        private String nextPrice() {
            double step = random.nextGaussian() * price * 0.0003 * stepScale;
            // keeps a long run near a believable level
            double pullBack = (startPrice - price) * 0.001 * pullBackScale;
            price = Math.max(0.01, price + step + pullBack);
            BigDecimal rounded = BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
            price = rounded.doubleValue();
            return rounded.toPlainString();
        }

        private String nextSize() {
            if (crypto) {
                double logMin = Math.log(CRYPTO_MIN_SIZE);
                double size = Math.exp(logMin + random.nextDouble() * (Math.log(CRYPTO_MAX_SIZE) - logMin));
                return BigDecimal.valueOf(size).setScale(5, RoundingMode.HALF_UP).max(new BigDecimal("0.00012"))
                        .toPlainString();
            }
            if (random.nextDouble() < 0.6) {
                return Integer.toString(ROUND_LOTS[random.nextInt(ROUND_LOTS.length)]);
            }
            return Integer.toString(1 + random.nextInt(99));
        }
    }
}
