package io.caravan.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * The event-loop side of the simulator. Deployed as a verticle so every connection, timer and the candle endpoint
 * share one event loop and need no locks; only a file replay runs on its own thread and hands batches over.
 */
final class SimulatorVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(SimulatorVerticle.class);

    private static final int MIN_FRAME_GAP_MILLIS = 100;
    private static final int MAX_FRAME_GAP_MILLIS = 250;
    private static final int MAX_REQUEST_LINE = 64 * 1024;
    /** Trades one synthetic slice holds at most (about): a few milliseconds of the event loop. */
    private static final int MAX_SLICE_TRADES = 2_000;

    private final SimulatorSettings settings;
    private final CandleStore candleStore = new CandleStore();
    private final RestFaults candleFaults = new RestFaults(RestFaults.CANDLES);
    private final RestFaults tradeFaults = new RestFaults(RestFaults.TRADES);
    private final SnapshotBoard snapshotBoard;
    private final SnapshotFaults snapshotFaults = new SnapshotFaults();
    private final TradeStore tradeStore;
    private final TradeDispatcher dispatcher;
    private final CandleEndpoint candleEndpoint = new CandleEndpoint(candleStore, candleFaults);
    private final BinanceKlinesEndpoint binanceKlinesEndpoint = new BinanceKlinesEndpoint(candleStore, candleFaults);
    private final AllTickKlineEndpoint allTickKlineEndpoint = new AllTickKlineEndpoint(candleStore, candleFaults,
            this::allTickSymbol);
    private final TickEndpoint tickEndpoint;
    private final AggTradesEndpoint aggTradesEndpoint;
    /** Until then (epoch ms) WebSocket clients are refused: the exchange is "down" after a drop. */
    private long refuseUntil;
    private final CompletableFuture<Long> replayFinished;
    private final Set<BinanceSimulatorSocket> binanceClients = new LinkedHashSet<>();
    private final AtomicLong binancePongs = new AtomicLong();
    private final AtomicLong binanceConnections = new AtomicLong();
    private final AtomicLong allTickHeartbeats = new AtomicLong();
    private final AtomicLong allTickConnections = new AtomicLong();
    private final AtomicLong finnhubConnections = new AtomicLong();
    /** Set while the market is halted after a Binance serverShutdown; the file replay waits on it. */
    private Promise<Void> halted;

    private SyntheticTradeSource synthetic;
    private volatile HttpServer server;
    private boolean replayScheduled;
    private Thread replayThread;
    private volatile boolean stopping;

    SimulatorVerticle(SimulatorSettings settings, CompletableFuture<Long> replayFinished) {
        this.settings = settings;
        this.replayFinished = replayFinished;
        // a synthetic walk's "yesterday" closed where the walk starts; a file's first day has no previous close
        this.snapshotBoard = new SnapshotBoard(settings.file().isEmpty()
                ? symbol -> BigDecimal.valueOf(SyntheticTradeSource.startPrice(symbol)).setScale(2, RoundingMode.HALF_UP)
                : symbol -> null);
        this.tradeStore = new TradeStore(settings.history());
        this.tickEndpoint = new TickEndpoint(tradeStore, tradeFaults);
        this.dispatcher = new TradeDispatcher(candleStore, tradeStore, snapshotBoard);
        this.aggTradesEndpoint = new AggTradesEndpoint(tradeStore, tradeFaults, settings.symbols());
    }

    long tradesMade() {
        return dispatcher.tradesMade();
    }

    long tradesRetained() {
        return tradeStore.retained();
    }

    int port() {
        return server == null ? -1 : server.actualPort();
    }

    long tradesServed() {
        return dispatcher.tradesServed();
    }

    long binancePongs() {
        return binancePongs.get();
    }

    long allTickHeartbeats() {
        return allTickHeartbeats.get();
    }

    long binanceConnections() {
        return binanceConnections.get();
    }

    long finnhubConnections() {
        return finnhubConnections.get();
    }

    long allTickConnections() {
        return allTickConnections.get();
    }

    @Override
    public void start(Promise<Void> started) {
        if (settings.file().isEmpty()) {
            synthetic = new SyntheticTradeSource(settings.symbols(), settings.tradesPerSecond(), settings.seed(),
                    System.currentTimeMillis());
            scheduleSyntheticFrame();
        }
        settings.dropEvery().ifPresent(every -> vertx.setPeriodic(every.toMillis(), id -> drop(settings.dropFor())));
        // 1024 Binance streams in one path are about 20 KB; Vert.x refuses request lines over 4 KB by default
        vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(MAX_REQUEST_LINE))
                .requestHandler(this::route)
                .listen(settings.port(), settings.host())
                .onSuccess(s -> {
                    server = s;
                    LOG.infof("Exchange simulator listening on %s:%d (%s)", settings.host(), s.actualPort(),
                            settings.file().map(f -> "replaying " + f + " at speed " + settings.speed())
                                    .orElse("synthetic trades for " + settings.symbols()));
                    started.complete();
                })
                .onFailure(started::fail);
    }

    @Override
    public void stop() {
        stopping = true;
        Thread thread = replayThread;
        if (thread != null) {
            thread.interrupt(); // the thread completes replayFinished itself
        } else if (settings.file().isPresent()) {
            // nobody subscribed, so the replay never began; a waiter must not hang forever
            replayFinished.completeExceptionally(new CancellationException("Simulator stopped before the replay"));
        }
        if (halted != null) {
            halted.tryComplete(); // the replay thread is interrupted; nothing may wait on a halt
        }
        dispatcher.closeAll();
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        String refused = path.startsWith(ControlRequests.PREFIX) ? ControlRequests.refusal(request) : null;
        if (upgrade && System.currentTimeMillis() < refuseUntil) {
            request.response().setStatusCode(503).end("Exchange unavailable (dropped on command)");
        } else if (("/".equals(path) || "/ws".equals(path)) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket()
                    .onSuccess(this::accept)
                    .onFailure(e -> LOG.debugf(e, "WebSocket handshake failed on %s", path));
        } else if (isBinancePath(path) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            acceptBinance(request);
        } else if (AllTickFrames.isAllTickPath(path) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            acceptAllTick(request);
        } else if (refused != null) {
            JsonReplies.respond(request, 403, JsonReplies.error(refused));
        } else if (BinanceShutdownEndpoint.PATH.equals(path)) {
            new BinanceShutdownEndpoint(this::shutDownBinance).handle(request);
        } else if (CandleEndpoint.PATH.equals(path)) {
            candleEndpoint.handle(request);
        } else if (BinanceKlinesEndpoint.PATH.equals(path)) {
            binanceKlinesEndpoint.handle(request);
        } else if (AllTickKlineEndpoint.isKlinePath(path)) {
            allTickKlineEndpoint.handle(request);
        } else if (path.startsWith(RestFaults.CANDLES)) {
            candleFaults.handle(request);
        } else if (path.startsWith(RestFaults.TRADES)) {
            tradeFaults.handle(request);
        } else if (SnapshotEndpoint.PATH.equals(path)) {
            new SnapshotEndpoint(snapshotBoard, snapshotFaults, Optional.ofNullable(synthetic)).handle(request);
        } else if (SnapshotControlEndpoint.PATH.equals(path) || SnapshotControlEndpoint.REQUESTS_PATH.equals(path)) {
            new SnapshotControlEndpoint(snapshotFaults).handle(request);
        } else if (TickEndpoint.PATH.equals(path)) {
            tickEndpoint.handle(request);
        } else if (AggTradesEndpoint.PATH.equals(path)) {
            aggTradesEndpoint.handle(request);
        } else if (DropEndpoint.PATH.equals(path)) {
            new DropEndpoint(this::drop).handle(request);
        } else if (MarketShockEndpoint.PATH.equals(path)) {
            new MarketShockEndpoint(synthetic, dispatcher).handle(request);
        } else if (HaltEndpoint.PATH.equals(path)) {
            new HaltEndpoint(synthetic).handle(request);
        } else {
            request.response().setStatusCode(404)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end("{\"error\":\"Not found\"}");
        }
    }

    /** Closes every client connection and refuses new ones for {@code refuse}; the market goes on trading. */
    private int drop(Duration refuse) {
        refuseUntil = System.currentTimeMillis() + refuse.toMillis();
        int clients = dispatcher.size();
        dispatcher.closeAll();
        LOG.infof("Dropped %d client connections; refusing new ones for %s", clients, refuse);
        return clients;
    }

    private void accept(ServerWebSocket ws) {
        FinnhubSimulatorSocket socket = new FinnhubSimulatorSocket(vertx, ws, settings.pingInterval(),
                settings.subscribeDelay(), this::onSubscribe, dispatcher::remove);
        dispatcher.add(socket);
        finnhubConnections.incrementAndGet();
        LOG.infof("Client %s connected", socket.name());
    }

    /** Binance: {@code /stream} (combined), {@code /ws/<streams>} (raw); plain {@code /ws} is Finnhub's. */
    private static boolean isBinancePath(String path) {
        return "/stream".equals(path) || path.startsWith("/ws/");
    }

    private void acceptBinance(HttpServerRequest request) {
        boolean combined = "/stream".equals(request.path());
        List<String> streams;
        try {
            streams = BinanceFrames.parseStreams(combined ? request.getParam("streams") : request.path().substring(4));
        } catch (BinanceFrames.BadRequestException e) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(BinanceFrames.error(e));
            return;
        }
        request.toWebSocket().onSuccess(ws -> {
            BinanceSimulatorSocket socket = new BinanceSimulatorSocket(vertx, ws, combined, streams,
                    settings.binancePingInterval(), this::onBinanceSubscribe, this::removeClient, binancePongs);
            binanceClients.add(socket);
            dispatcher.add(socket);
            binanceConnections.incrementAndGet();
            LOG.infof("Binance client %s connected", socket.name());
        }).onFailure(e -> LOG.debugf(e, "WebSocket handshake failed on %s", request.path()));
    }

    /** AllTick: {@code /quote-stock-b-ws-api} and {@code /quote-b-ws-api}, each with {@code ?token=}. */
    private void acceptAllTick(HttpServerRequest request) {
        String token = request.getParam("token");
        request.toWebSocket().onSuccess(ws -> {
            AllTickSimulatorSocket socket = new AllTickSimulatorSocket(vertx, ws, this::allTickSymbol,
                    this::onSubscribe, dispatcher::remove, allTickHeartbeats);
            if (token == null || token.isBlank()) {
                LOG.infof("AllTick client %s has no token; refused", socket.name());
                socket.refuseToken();
                return;
            }
            dispatcher.add(socket);
            allTickConnections.incrementAndGet();
            LOG.infof("AllTick client %s connected", socket.name());
        }).onFailure(e -> LOG.debugf(e, "WebSocket handshake failed on %s", request.path()));
    }

    /**
     * The simulator's symbol for an AllTick code: the code itself when the simulator has it, a US stock's code
     * without {@code .US} ({@code AAPL.US} is {@code AAPL}, as Finnhub names it), a pair's code as the simulator's
     * {@code EXCHANGE:PAIR} ({@code BTCUSDT} is {@code BINANCE:BTCUSDT}); else the code, which starts a new walk.
     */
    private String allTickSymbol(String code) {
        if (settings.symbols().contains(code)) {
            return code;
        }
        if (code.endsWith(".US")) {
            return code.substring(0, code.length() - 3);
        }
        if (code.indexOf('.') < 0) {
            return settings.symbols().stream().filter(s -> BinanceFrames.binanceSymbol(s).equals(code)).findFirst()
                    .orElse(code);
        }
        return code;
    }

    private void removeClient(SimulatorClient client) {
        binanceClients.remove(client);
        dispatcher.remove(client);
    }

    /**
     * A Binance stream names a Binance symbol; it is the simulator's symbol whose name after any {@code EXCHANGE:}
     * prefix is that symbol (case-insensitive), else a new crypto pair {@code BINANCE:<SYMBOL>}.
     */
    private void onBinanceSubscribe(String binanceSymbol) {
        String symbol = settings.symbols().stream().filter(s -> BinanceFrames.binanceSymbol(s).equals(binanceSymbol)).findFirst()
                .orElse("BINANCE:" + binanceSymbol);
        onSubscribe(symbol);
    }

    /**
     * Every Binance client gets serverShutdown and, with {@code close}, is closed. Then a file replay holds its next
     * trades until a Binance client subscribes again (plus the settle delay): the simulated market halts while its
     * server restarts.
     */
    private int shutDownBinance(boolean close) {
        List<BinanceSimulatorSocket> clients = new ArrayList<>(binanceClients);
        if (close && settings.file().isPresent() && halted == null) {
            halted = Promise.promise();
        }
        clients.forEach(client -> client.shutDown(close));
        LOG.infof("Binance serverShutdown sent to %d clients", clients.size());
        return clients.size();
    }

    private Future<Void> marketOpen() {
        return halted == null ? Future.succeededFuture() : halted.future();
    }

    private void onSubscribe(String symbol) {
        if (halted != null) {
            Promise<Void> reopening = halted;
            halted = null;
            // settle, so a reconnecting client subscribes to all its streams before the market moves again
            vertx.setTimer(Math.max(1, settings.settleDelay().toMillis()), id -> reopening.tryComplete());
        }
        if (synthetic != null) {
            synthetic.addSymbol(symbol, System.currentTimeMillis());
        } else if (!replayScheduled) {
            replayScheduled = true;
            vertx.setTimer(Math.max(1, settings.settleDelay().toMillis()), id -> startReplay());
        }
    }

    private void scheduleSyntheticFrame() {
        int gap = ThreadLocalRandom.current().nextInt(MIN_FRAME_GAP_MILLIS, MAX_FRAME_GAP_MILLIS + 1);
        vertx.setTimer(gap, id -> syntheticSlice());
    }

    /**
     * One slice of the market, then the next once every client written to can take more: at a high rate the market
     * is made in slices of a bounded size that leave the event loop to timers and sockets in between, and a client
     * slower than the market holds it back (its trades keep their times and arrive late) instead of a write queue
     * growing without bound.
     */
    private void syntheticSlice() {
        if (stopping) {
            return;
        }
        long now = System.currentTimeMillis();
        Future<Integer> written = dispatcher.dispatch(synthetic.generateSlice(now, MAX_SLICE_TRADES));
        if (synthetic.isBehind(now)) {
            written.onComplete(ar -> context.runOnContext(v -> syntheticSlice()));
        } else {
            written.onComplete(ar -> scheduleSyntheticFrame());
        }
    }

    private void startReplay() {
        if (stopping) {
            return;
        }
        Path file = settings.file().orElseThrow();
        Context eventLoop = context;
        FileTradeSource source = new FileTradeSource(file, settings.speedFactor(),
                batch -> sendFromReplayThread(eventLoop, batch));
        replayThread = new Thread(() -> runReplay(file, source), "caravan-simulator-replay");
        replayThread.setDaemon(true);
        replayThread.start();
    }

    private void runReplay(Path file, FileTradeSource source) {
        LOG.infof("Replaying %s at speed %s", file, settings.speed());
        try {
            FileTradeSource.Result result = source.replay();
            if (result.rowsSkipped() > 0) {
                LOG.warnf("Skipped %d rows of %s that did not parse", result.rowsSkipped(), file);
            }
            LOG.infof("Replay of %s finished: %d trades sent", file, result.tradesSent());
            replayFinished.complete(result.tradesSent());
        } catch (InterruptedException e) {
            LOG.infof("Replay of %s stopped before the end", file);
            replayFinished.completeExceptionally(e);
        } catch (Exception e) {
            LOG.errorf(e, "Replay of %s failed", file);
            replayFinished.completeExceptionally(e);
        }
    }

    private int sendFromReplayThread(Context eventLoop, List<SimTrade> batch) throws InterruptedException {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        eventLoop.runOnContext(v -> marketOpen().compose(open -> dispatcher.dispatch(batch)).onComplete(ar -> {
            if (ar.succeeded()) {
                sent.complete(ar.result());
            } else {
                sent.completeExceptionally(ar.cause());
            }
        }));
        try {
            return sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sending a replay batch failed", e.getCause());
        }
    }
}
