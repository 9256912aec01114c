package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.component.seda.SedaEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.caravan.bar.BarClock;
import io.caravan.feed.gap.GapFill;
import io.caravan.feed.websocket.OrderedClientConsumer;
import io.caravan.simulator.ExchangeSimulator;
import io.caravan.simulator.SimulatorSettings;
import io.caravan.sink.SinkDrain;
import io.caravan.support.Await;
import io.caravan.support.ExpectedBar;
import io.caravan.support.ExpectedBars;
import io.caravan.support.FaultProxy;
import io.caravan.support.FaultProxy.Dialect;
import io.caravan.support.LeanDay;
import io.caravan.support.LeanTicks;
import io.caravan.support.OutputBars;
import io.caravan.support.TestTrade;
import io.caravan.tick.DeadLetters;
import io.caravan.tick.TickValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Issue 14's fault suite for the feeds: real trades (AIG and BAC, 2013-10-07) replayed by the exchange simulator over
 * its Finnhub dialect (no trade ids) and its Binance dialect (trade ids), with a {@link FaultProxy} between it and
 * caravan that cuts connections in the middle of frames, while they subscribe and while a gap-fill runs, stalls them
 * (open, silent), and sends frames twice and out of order. Bars on the event clock, as in a replay. Each round ends
 * with every bar of every interval in CSV equal to the bars of an undisturbed run of the same input, computed straight
 * from the trades ({@link ExpectedBars}).
 * <p>
 * Rounds share one caravan: each replays its day shifted a day after the previous round's (the event clock only moves
 * on), and each Binance round has symbols of its own (a new simulator numbers trades from 1 again, and trade ids
 * are what Binance duplicates are known by). {@code -Dfaults.rounds=N} (the {@code faults-long} profile) adds rounds
 * per dialect with other speeds and fault periods, the issue's own (2000×, a drop every 5 s) among them.
 */
@QuarkusTest
@TestProfile(FeedFaultsTest.Profile.class)
class FeedFaultsTest {

    static final int PROXY_PORT = 19411;
    static final int SIM_PORT = 19412;
    static final Path DATA = Path.of("target/test-data/feed-faults").toAbsolutePath();
    static final Path ROUTES = DATA.resolve("routes");
    /** A Binance symbol caravan subscribes that one round's exchange does not list (delisted: aggTrades answers 400). */
    static final String GONE = "GONEUSDT";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final long DAY = 86_400_000L;
    /** Drop rounds per dialect: 1 in the normal suite, more with -Pfaults-long. */
    static final int ROUNDS = Math.max(1, Integer.getInteger("faults.rounds", 1));
    /** Binance rounds, each with symbols of its own: drops, duplicates and swaps, a reload, a delisted symbol. */
    static final int BINANCE_ROUNDS = ROUNDS + 3;
    /** Finnhub rounds, each with symbols of its own: drops, a stall, duplicates and swaps, a reload. */
    static final int FINNHUB_ROUNDS = ROUNDS + 3;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Await.deleteTree(DATA);
            Map<String, String> config = new TreeMap<>();
            config.put("caravan.feeds", "finnhub,binance");
            config.put("caravan.symbols", String.join(",", LeanDay.SYMBOLS));
            List<String> finnhub = new ArrayList<>(LeanDay.SYMBOLS);
            for (int i = 2; i <= FINNHUB_ROUNDS; i++) {
                finnhub.addAll(finnhubSymbols(i));
            }
            config.put("caravan.feed.finnhub.symbols", String.join(",", finnhub));
            List<String> binance = new ArrayList<>();
            for (int i = 1; i <= BINANCE_ROUNDS; i++) {
                binance.addAll(binanceSymbols(i));
            }
            binance.add(GONE);
            config.put("caravan.feed.binance.symbols", String.join(",", binance));
            config.put("caravan.finnhub.url", "ws://127.0.0.1:" + PROXY_PORT + "/");
            config.put("caravan.binance.url", "ws://127.0.0.1:" + PROXY_PORT);
            config.put("caravan.gap-fill.finnhub-url", "http://127.0.0.1:" + PROXY_PORT);
            for (String feed : List.of("finnhub", "binance")) {
                config.put("caravan." + feed + ".reconnect-initial-delay", "100");
                config.put("caravan." + feed + ".reconnect-max-delay", "1000");
            }
            config.put("caravan.bars.clock", "event");
            // event time runs at up to 4000x: a frame held back behind the next one, or a feed thread that stalls a
            // moment on a loaded machine, is minutes of market time; bars wait 10 minutes of it (0.3 s at 2000x)
            config.put("caravan.bars.grace", "10m");
            // a gap-fill that waits its turn behind a hundred others is hours of market time behind
            config.put("caravan.bars.revision-window", "24h");
            config.put("caravan.websocket.stale-after", "2s");
            config.put("caravan.sinks", "csv");
            config.put("caravan.data-dir", DATA.toString());
            // the feeds' routes come from a copy of routes/ that the reload rounds edit, watched for edits
            config.put("camel.main.routes-include-pattern", "file:" + DATA.resolve("none") + "/*.yaml");
            config.put("caravan.routes.dir", ROUTES.toString());
            config.put("caravan.routes.reload-delay", "200ms");
            config.put("%test.caravan.routes.reload", "true");
            copyRoutes();
            return config;
        }
    }

    static void copyRoutes() {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("routes"))) {
            java.nio.file.Files.createDirectories(ROUTES);
            java.nio.file.Files.createDirectories(DATA.resolve("none"));
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                java.nio.file.Files.copy(file, ROUTES.resolve(file.getFileName()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Edits the dialect's route file as a user would: a debug log step before the recorder, added, then changed
     * (its text is the edit's number), so each edit is a new route.
     */
    static void editRouteFile(Dialect dialect, int edit) {
        Path file = ROUTES.resolve(dialect == Dialect.FINNHUB ? "finnhub.yaml" : "binance.yaml");
        try {
            List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(file));
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals("ref: frameRecorder")) {
                    at = i - 1; // its "- bean:"
                }
            }
            String indent = lines.get(at).substring(0, lines.get(at).indexOf('-'));
            if (lines.get(at - 1).contains("caravan-reload-edit")) {
                lines.remove(at - 1);
                at--;
            }
            lines.add(at, indent + "- log: { message: \"caravan-reload-edit " + edit + "\", loggingLevel: DEBUG }");
            java.nio.file.Files.write(file, lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One replay under faults. */
    record Round(Dialect dialect, LocalTime from, LocalTime to, String speed, Duration faultEvery,
            List<Fault> faults) {

        double seconds() {
            return (to.toSecondOfDay() - from.toSecondOfDay()) / Double.parseDouble(speed);
        }

        @Override
        public String toString() {
            return dialect + " " + from + "-" + to + " at " + speed + "x, " + faults + " every " + faultEvery.toMillis()
                    + " ms";
        }
    }

    enum Fault {
        MID_FRAME,
        IN_SUBSCRIPTION,
        IN_GAP_FILL,
        STALL,
        /** an edit of the dialect's route file: the reload replaces the feed's route, and so its connection */
        RELOAD
    }

    static final LocalTime OPEN = LocalTime.of(9, 30);
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    static final List<Fault> DROPS = List.of(Fault.MID_FRAME, Fault.IN_SUBSCRIPTION, Fault.IN_GAP_FILL);

    static List<TestTrade> day;
    static Vertx exchangeVertx;
    static FaultProxy proxy;
    /** Rounds run so far: each shifts its day this many days on. */
    static final AtomicInteger ROUND_NUMBER = new AtomicInteger();
    static final AtomicInteger BINANCE_NUMBER = new AtomicInteger();
    static final AtomicInteger FINNHUB_NUMBER = new AtomicInteger();
    static final List<String> FIGURES = new ArrayList<>();

    @Inject
    BarClock clock;
    @Inject
    SinkDrain sinks;
    @Inject
    CamelContext camel;
    @Inject
    DeadLetters deadLetters;
    @Inject
    TickValidator validator;
    @Inject
    Vertx caravanVertx;

    /**
     * The symbols of the n-th Finnhub round (the first uses AIG and BAC): the simulator's trades endpoint gives trade
     * ids, numbered from 1 again by each new simulator, and gap-fill knows fetched trades by them (with one pair of
     * symbols for every round, a later round's fetched trades were taken for an earlier round's and left out).
     */
    static List<String> finnhubSymbols(int round) {
        return round == 1 ? LeanDay.SYMBOLS : LeanDay.SYMBOLS.stream().map(s -> s + "F" + round).toList();
    }

    static List<String> binanceSymbols(int round) {
        return LeanDay.SYMBOLS.stream().map(s -> s + "B" + round).toList();
    }

    @BeforeAll
    static void openTheProxy() {
        day = LeanDay.trades();
        exchangeVertx = Vertx.vertx();
        proxy = new FaultProxy(PROXY_PORT, SIM_PORT).start();
    }

    @AfterAll
    static void closeEverything() {
        if (proxy != null) {
            proxy.close();
        }
        if (exchangeVertx != null) {
            exchangeVertx.close();
        }
        FIGURES.forEach(System.out::println);
    }

    /** The drop rounds of one dialect: the normal suite's first, then those of -Pfaults-long. */
    static List<Round> dropRounds(Dialect dialect) {
        List<Round> rounds = new ArrayList<>();
        rounds.add(new Round(dialect, OPEN, CLOSE, "2000", Duration.ofMillis(250), DROPS));
        for (int i = 1; i < ROUNDS; i++) {
            rounds.add(switch (i % 4) {
                // the whole day, pre-market to after-hours, a hundred drops and more
                case 1 -> new Round(dialect, LocalTime.of(4, 0), LocalTime.of(20, 0), "2000", Duration.ofMillis(250), DROPS);
                // the scenario: 2000x, a drop every 5 s
                case 2 -> new Round(dialect, OPEN, CLOSE, "2000", Duration.ofSeconds(5), DROPS);
                case 3 -> new Round(dialect, OPEN, CLOSE, "4000", Duration.ofMillis(500), DROPS);
                default -> new Round(dialect, OPEN, CLOSE, "1000", Duration.ofSeconds(1), DROPS);
            });
        }
        return rounds;
    }

    @Test
    void finnhubConnectionsCutMidFrameInSubscriptionAndInGapFillLoseNothing() throws Exception {
        for (Round round : dropRounds(Dialect.FINNHUB)) {
            Map<String, Long> refused = run(round, 0, 0);
            assertEquals(Map.of(), refused, round + ": dead letters");
        }
    }

    @Test
    void binanceConnectionsCutMidFrameInSubscriptionAndInGapFillLoseNothing() throws Exception {
        for (Round round : dropRounds(Dialect.BINANCE)) {
            Map<String, Long> refused = run(round, 0, 0);
            assertEquals(Map.of(), refused, round + ": dead letters");
        }
    }

    /** A connection that stays open but brings nothing, not even an answer to a ping, is replaced and its gap filled. */
    @Test
    void aSilentConnectionIsReplacedAndItsGapFilled() throws Exception {
        OrderedClientConsumer consumer = (OrderedClientConsumer) camel.getRoute("feed-finnhub").getConsumer();
        long staleBefore = consumer.staleConnections();
        long stallsBefore = proxy.stalls();
        Round round = new Round(Dialect.FINNHUB, OPEN, CLOSE, "2000", Duration.ofSeconds(4), List.of(Fault.STALL));
        Map<String, Long> refused = run(round, 0, 0);
        assertEquals(Map.of(), refused, "dead letters");
        long stalls = proxy.stalls() - stallsBefore;
        assertTrue(stalls >= 2, "connections stalled: " + stalls);
        // a stall can meet a connection just being replaced: at least one is replaced by the stale check; the bars
        // above show that none was left hanging
        assertTrue(consumer.staleConnections() - staleBefore >= 1,
                "stalled Finnhub connections replaced: " + (consumer.staleConnections() - staleBefore));
    }

    /**
     * The Finnhub route subscribes symbol by symbol on every OPEN, and Camel continues the route after an asynchronous
     * send on the event loop that completed it: when the connection was cut in between (a drop during the
     * subscription), the next send tried to open a connection there and waited for a callback only that loop could
     * run: every feed connection on it stood still for the connect timeout (61 s; seen in the Binance round, whose
     * socket shared the loop). Here such a send is made on caravan's own event loop while no exchange listens.
     */
    @Test
    void aSendWhileTheFeedIsDownNeverWaitsOnAnEventLoop() throws Exception {
        Endpoint endpoint = camel.getRoute("feed-finnhub").getEndpoint();
        AsyncProcessor producer = AsyncProcessorConverterHelper.convert(endpoint.createProducer());
        ServiceHelper.startService(producer);
        try {
            CompletableFuture<Exchange> sent = new CompletableFuture<>();
            caravanVertx.runOnContext(v -> {
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody("{\"type\":\"subscribe\",\"symbol\":\"AIG\"}");
                try {
                    producer.process(exchange, done -> sent.complete(exchange));
                } catch (RuntimeException e) {
                    exchange.setException(e);
                    sent.complete(exchange);
                }
            });
            Exchange exchange = sent.get(15, TimeUnit.SECONDS);
            assertTrue(exchange.getException() != null, "nothing to send on: the send fails");
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    /**
     * Issue 14, item 1, repeated: each dialect's route file (finnhub.yaml, binance.yaml) edited every second while its
     * feed trades at 2000x; every reload replaces the route and its connection, and the bars stay exact.
     */
    @Test
    void routeFilesEditedAgainAndAgainWhileTheirFeedsTradeLeaveTheBarsExact() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            long connectionsBefore = proxy.websocketConnections();
            Round round = new Round(dialect, OPEN, CLOSE, "2000", Duration.ofSeconds(1), List.of(Fault.RELOAD));
            Map<String, Long> refused = run(round, 0, 0);
            assertEquals(Map.of(), refused, dialect + ": dead letters");
            assertTrue(proxy.websocketConnections() - connectionsBefore >= 8, dialect + ": a new connection per reload, "
                    + (proxy.websocketConnections() - connectionsBefore) + " connections");
        }
    }

    /**
     * A subscribed symbol the exchange refuses over REST (a delisted Binance symbol: aggTrades answers 400) among
     * symbols that trade: every gap of the feed asks for it too. Before, that made the whole gap fail (all symbols are
     * fetched before any is applied), retried, then given up: the other symbols' trades of every gap were lost.
     */
    @Test
    void aSymbolTheExchangeRefusesLosesOnlyItsOwnPartOfAGap() throws Exception {
        Round round = new Round(Dialect.BINANCE, OPEN, CLOSE, "2000", Duration.ofSeconds(2), List.of(Fault.MID_FRAME));
        Map<String, Long> refused = run(round, 0, 0, java.util.Set.of(GONE));
        assertEquals(java.util.Set.of("provider error"), refused.keySet(), "dead letters " + refused);
    }

    /**
     * Every 7th trade frame twice, every 5th after the next: the bars are those of the trades sent once, every trade of
     * a frame sent twice is in the dead letter as a duplicate.
     */
    @Test
    void framesSentTwiceAndOutOfOrderLeaveTheBarsAsTheyWere() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            Round round = new Round(dialect, LocalTime.of(10, 0), LocalTime.of(10, 30), "200", Duration.ZERO, List.of());
            long duplicatedBefore = proxy.tradesDuplicated();
            long swappedBefore = proxy.framesSwapped();
            Map<String, Long> refused = run(round, 7, 5);
            long duplicated = proxy.tradesDuplicated() - duplicatedBefore;
            assertTrue(duplicated > 10, dialect + ": trades sent twice " + duplicated);
            assertTrue(proxy.framesSwapped() - swappedBefore > 10, dialect + ": frames swapped");
            assertEquals(Map.of("duplicate", duplicated), refused, dialect + ": dead letters");
        }
    }

    /**
     * Replays the round's slice of the day, shifted to a day of its own, through a new simulator behind the proxy,
     * with the round's faults until 90 % of the replay, at most until 2 s before its end (the last gap ends at a live
     * trade); waits for caravan to
     * settle, closes the bars and compares them.
     *
     * @return the dead-letter records of the round, by reason
     */
    private Map<String, Long> run(Round round, int duplicateEvery, int swapEvery) throws Exception {
        return run(round, duplicateEvery, swapEvery, java.util.Set.of());
    }

    /** @param unlisted subscribed symbols this round's exchange does not know */
    private Map<String, Long> run(Round round, int duplicateEvery, int swapEvery, java.util.Set<String> unlisted)
            throws Exception {
        int number = ROUND_NUMBER.incrementAndGet();
        long shift = number * DAY;
        List<String> symbols = round.dialect() == Dialect.BINANCE ? binanceSymbols(BINANCE_NUMBER.incrementAndGet())
                : finnhubSymbols(FINNHUB_NUMBER.incrementAndGet());
        long from = round.from().atDate(java.time.LocalDate.of(2013, 10, 7)).atZone(NEW_YORK).toInstant().toEpochMilli();
        long to = round.to().atDate(java.time.LocalDate.of(2013, 10, 7)).atZone(NEW_YORK).toInstant().toEpochMilli();
        List<TestTrade> trades = new ArrayList<>();
        for (TestTrade t : day) {
            if (t.ts() >= from && t.ts() < to) {
                String symbol = symbols.get(LeanDay.SYMBOLS.indexOf(t.symbol()));
                trades.add(new TestTrade(symbol, t.ts() + shift, t.price(), t.size(), t.order()));
            }
        }
        Path input = LeanTicks.writeReplayCsv(trades, DATA.resolveSibling("feed-faults-input").resolve("round-" + number + ".csv"));
        Map<String, Long> deadBefore = deadLetters.counts();
        long deadLetterBytes = deadLetterFile().toFile().length();
        long connectionsBefore = proxy.websocketConnections();
        long[] faultsBefore = faultCounts();

        // every symbol caravan subscribes is listed on the exchange, traded in this round or not (gap-fill asks for
        // them all; an unknown one is answered 400, as by Binance)
        List<String> listed = new ArrayList<>(LeanDay.SYMBOLS);
        for (int i = 2; i <= FINNHUB_ROUNDS; i++) {
            listed.addAll(finnhubSymbols(i));
        }
        for (int i = 1; i <= BINANCE_ROUNDS; i++) {
            listed.addAll(binanceSymbols(i));
        }
        listed.add(GONE);
        listed.removeAll(unlisted);
        // the default trade history (24 h) outlasts any gap of a round: the whole-day round over Finnhub, whose
        // symbols are subscribed late on every connection, can have one gap of 12 h and more (a simulator that kept
        // 6 h answered only the gap's last 6 h: 680 bars lost, docs/reliability.md)
        ExchangeSimulator exchange = new ExchangeSimulator(exchangeVertx, new SimulatorSettings("127.0.0.1", SIM_PORT,
                listed, Optional.of(input), round.speed(), Duration.ofMillis(500), 5, Duration.ofSeconds(10),
                Optional.empty(), SimulatorSettings.DEFAULT_BINANCE_PING_INTERVAL, Optional.empty(), Duration.ZERO,
                Duration.ofMillis(20)));
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            // the connections to the previous round's simulator are gone: those to this one carry the duplicates
            proxy.duplicateAndSwap(duplicateEvery, swapEvery);
            exchange.start();
            if (!round.faults().isEmpty()) {
                long period = round.faultEvery().toMillis();
                // 90 % of the replay's wall time, and at least 2 s before its end: the last reconnect must come
                // while trades still do (with the event clock, a gap ends at the first live trade after it)
                long stopAfter = (long) Math.min(round.seconds() * 900, round.seconds() * 1000 - 2000);
                AtomicInteger next = new AtomicInteger();
                // counted from the replay's start (the first subscription and the settle delay)
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> exchange.tradesServed() > 0);
                long replayStart = System.nanoTime();
                faults.scheduleAtFixedRate(() -> {
                    if ((System.nanoTime() - replayStart) / 1_000_000 > stopAfter) {
                        proxy.disarm();
                        return;
                    }
                    switch (round.faults().get(next.getAndIncrement() % round.faults().size())) {
                        case MID_FRAME -> proxy.cutMidFrame();
                        case IN_SUBSCRIPTION -> proxy.cutInSubscription();
                        case IN_GAP_FILL -> proxy.cutInGapFill();
                        case STALL -> proxy.stall();
                        case RELOAD -> editRouteFile(round.dialect(), next.get());
                    }
                }, period, period, TimeUnit.MILLISECONDS);
            }
            exchange.fileReplayFinished().get((long) (round.seconds() * 4) + 60, TimeUnit.SECONDS);
            faults.shutdownNow();
            proxy.disarm();
            settle();
        } finally {
            faults.shutdownNow();
            proxy.disarm();
            // between rounds no exchange listens behind the proxy
            exchange.stop();
        }
        long wall = (System.nanoTime() - started) / 1_000_000;

        Map<String, ExpectedBar> expected = ExpectedBars.compute(trades, ExpectedBars.ALL_INTERVALS);
        long dayStart = Math.floorDiv(from + shift, DAY) * DAY;
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertSameBars(expected, roundBars(symbols, dayStart), round.toString()));
        long[] faultsAfter = faultCounts();
        Map<String, Long> refused = new TreeMap<>();
        deadLetters.counts().forEach((reason, n) -> {
            long added = n - deadBefore.getOrDefault(reason, 0L);
            if (added > 0) {
                refused.put(reason, added);
            }
        });
        // a subscribe message the route sends on a connection cut under it fails, and is recorded as an error: no
        // trade is in it, and the next connection subscribes again
        long failedSubscriptions = newDeadLetters(deadLetterBytes).stream()
                .filter(line -> line.contains("\"reason\":\"error\"") && line.contains("{\\\"type\\\":\\\"subscribe\\\""))
                .count();
        if (failedSubscriptions > 0) {
            refused.merge("error", -failedSubscriptions, Long::sum);
            refused.remove("error", 0L);
        }
        FIGURES.add(String.format("FAULT ROUND %d %s: %d trades, %d bars compared, %d WebSocket connections, faults: "
                + "%d cut mid-frame, %d cut between frames, %d in subscription, %d in gap-fill, %d stalls, %d trade "
                + "frames sent twice, %d swapped; %d gap-fill requests; dead letters %s (and %d subscribe messages "
                + "sent on a connection cut under them); %d ms", number, round,
                trades.size(), expected.size(), proxy.websocketConnections() - connectionsBefore,
                faultsAfter[0] - faultsBefore[0], faultsAfter[1] - faultsBefore[1], faultsAfter[2] - faultsBefore[2],
                faultsAfter[3] - faultsBefore[3], faultsAfter[4] - faultsBefore[4], faultsAfter[5] - faultsBefore[5],
                faultsAfter[6] - faultsBefore[6], faultsAfter[7] - faultsBefore[7], refused, failedSubscriptions, wall));
        System.out.println(FIGURES.get(FIGURES.size() - 1));
        return refused;
    }

    private static long[] faultCounts() {
        return new long[] { proxy.cutsMidFrame(), proxy.cutsBetweenFrames(), proxy.cutsInSubscription(),
                proxy.cutsInGapFill(), proxy.stalls(), proxy.framesDuplicated(), proxy.framesSwapped(),
                proxy.tradeRequests() };
    }

    /**
     * Waits until caravan has taken in everything the simulator sent (no message waiting in a feed's consumer, no
     * trade checked for a second: at 2000x the Binance feed, a message per trade, runs behind the replay), no gap is
     * waiting or being filled and nothing is in flight; then closes the bars and waits for the sinks.
     */
    private void settle() throws InterruptedException {
        SedaEndpoint queue = camel.getEndpoint(GapFill.QUEUE, SedaEndpoint.class);
        List<OrderedClientConsumer> feeds = List.of("feed-finnhub", "feed-binance").stream()
                .map(id -> (OrderedClientConsumer) camel.getRoute(id).getConsumer()).toList();
        AtomicLong checked = new AtomicLong(-1);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> checked.getAndSet(validator.checked()) == validator.checked()
                        && feeds.stream().allMatch(f -> f.pendingBytes() == 0)
                        && queue.getCurrentQueueSize() == 0 && camel.getInflightRepository().size() == 0);
        clock.flush();
        assertTrue(sinks.awaitDrained(Duration.ofMinutes(1)));
    }

    private static Path deadLetterFile() {
        return DATA.resolve("dead-letter").resolve("ticks-" + java.time.LocalDate.now() + ".ndjson");
    }

    /** The dead-letter records written since the file had {@code from} bytes. */
    private static List<String> newDeadLetters(long from) throws java.io.IOException {
        Path file = deadLetterFile();
        if (!java.nio.file.Files.exists(file)) {
            return List.of();
        }
        byte[] all = java.nio.file.Files.readAllBytes(file);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    /** As OutputBars.assertSameBars, naming only the bars that differ. */
    private static void assertSameBars(Map<String, ExpectedBar> expected, Map<String, ExpectedBar> actual, String where) {
        List<String> missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).toList();
        List<String> extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).toList();
        List<String> different = expected.entrySet().stream()
                .filter(e -> actual.containsKey(e.getKey()) && !e.getValue().sameAs(actual.get(e.getKey())))
                .map(e -> e.getKey() + " expected " + e.getValue() + " but was " + actual.get(e.getKey())).toList();
        assertTrue(missing.isEmpty() && extra.isEmpty() && different.isEmpty(), where + ": of " + expected.size()
                + " bars, " + missing.size() + " missing " + head(missing) + ", " + extra.size() + " not expected "
                + head(extra) + ", " + different.size() + " different " + head(different));
    }

    private static List<String> head(List<String> list) {
        return list.subList(0, Math.min(8, list.size()));
    }

    /** The CSV bars of these symbols that open on the round's (shifted) day. */
    private static Map<String, ExpectedBar> roundBars(List<String> symbols, long dayStart) {
        return OutputBars.fromCsv(DATA, symbols::contains).entrySet().stream()
                .filter(e -> {
                    Instant open = Instant.parse(e.getKey().substring(e.getKey().lastIndexOf('|') + 1));
                    return open.toEpochMilli() >= dayStart && open.toEpochMilli() < dayStart + DAY;
                })
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
