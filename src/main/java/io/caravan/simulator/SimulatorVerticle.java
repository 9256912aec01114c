package io.caravan.simulator;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
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

    private final SimulatorSettings settings;
    private final CandleStore candleStore = new CandleStore();
    private final TradeDispatcher dispatcher = new TradeDispatcher(candleStore);
    private final CandleEndpoint candleEndpoint = new CandleEndpoint(candleStore);
    private final CompletableFuture<Long> replayFinished;

    private SyntheticTradeSource synthetic;
    private volatile HttpServer server;
    private boolean replayScheduled;
    private Thread replayThread;
    private volatile boolean stopping;

    SimulatorVerticle(SimulatorSettings settings, CompletableFuture<Long> replayFinished) {
        this.settings = settings;
        this.replayFinished = replayFinished;
    }

    int port() {
        return server == null ? -1 : server.actualPort();
    }

    long tradesServed() {
        return dispatcher.tradesServed();
    }

    @Override
    public void start(Promise<Void> started) {
        if (settings.file().isEmpty()) {
            synthetic = new SyntheticTradeSource(settings.symbols(), settings.tradesPerSecond(), settings.seed(),
                    System.currentTimeMillis());
            scheduleSyntheticFrame();
        }
        vertx.createHttpServer()
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
        dispatcher.closeAll();
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        if (("/".equals(path) || "/ws".equals(path)) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket()
                    .onSuccess(this::accept)
                    .onFailure(e -> LOG.debugf(e, "WebSocket handshake failed on %s", path));
        } else if (CandleEndpoint.PATH.equals(path)) {
            candleEndpoint.handle(request);
        } else if (MarketShockEndpoint.PATH.equals(path)) {
            new MarketShockEndpoint(synthetic, dispatcher).handle(request);
        } else {
            request.response().setStatusCode(404)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end("{\"error\":\"Not found\"}");
        }
    }

    private void accept(ServerWebSocket ws) {
        FinnhubSimulatorSocket socket = new FinnhubSimulatorSocket(vertx, ws, settings.pingInterval(),
                this::onSubscribe, dispatcher::remove);
        dispatcher.add(socket);
        LOG.infof("Client %s connected", socket.name());
    }

    private void onSubscribe(String symbol) {
        if (synthetic != null) {
            synthetic.addSymbol(symbol, System.currentTimeMillis());
        } else if (!replayScheduled) {
            replayScheduled = true;
            vertx.setTimer(Math.max(1, settings.settleDelay().toMillis()), id -> startReplay());
        }
    }

    private void scheduleSyntheticFrame() {
        int gap = ThreadLocalRandom.current().nextInt(MIN_FRAME_GAP_MILLIS, MAX_FRAME_GAP_MILLIS + 1);
        vertx.setTimer(gap, id -> {
            // synthetic rates are low: the write queue absorbs a slow client, nothing is dropped
            dispatcher.dispatch(synthetic.generateUntil(System.currentTimeMillis()));
            scheduleSyntheticFrame();
        });
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
        eventLoop.runOnContext(v -> dispatcher.dispatch(batch).onComplete(ar -> {
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
