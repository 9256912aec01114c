package io.caravan.simulator;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A stand-in exchange on a local port: Finnhub's trade WebSocket (on {@code /} and {@code /ws}) and its REST candle
 * endpoint, Binance's trade streams (on {@code /stream?streams=..} and {@code /ws/<stream>}) and REST klines,
 * AllTick's trade WebSockets and REST klines, fed by a random walk or by replaying a CSV. Lets caravan run and be
 * tested offline.
 *
 * <p>
 * {@link #start()} and {@link #stop()} block, so call them from a worker or main thread, never from an event loop.
 */
public final class ExchangeSimulator {

    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final SimulatorSettings settings;
    private final CompletableFuture<Long> replayFinished = new CompletableFuture<>();
    private final SimulatorVerticle verticle;
    private String deploymentId;
    private boolean stopped;

    public ExchangeSimulator(Vertx vertx, SimulatorSettings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.verticle = new SimulatorVerticle(settings, replayFinished);
    }

    /**
     * Blocks until the server listens; a second call just returns the port. A stopped simulator cannot be started
     * again: its replay future and served trades belong to that one run.
     *
     * @return the bound port
     */
    public synchronized int start() {
        if (deploymentId != null) {
            return port();
        }
        if (stopped) {
            throw new IllegalStateException("A stopped simulator cannot be restarted; create a new one");
        }
        requireBlockingAllowed();
        // a wrong path is a start-up error, not a silent exchange that never sends anything
        settings.file().filter(f -> !java.nio.file.Files.isReadable(f)).ifPresent(f -> {
            throw new IllegalStateException("caravan.simulator.file " + f + " is not a readable file");
        });
        deploymentId = await(vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture(), "start");
        return port();
    }

    /** Closes the server, all client connections and a running replay. No-op when not started. */
    public synchronized void stop() {
        if (deploymentId == null) {
            return;
        }
        requireBlockingAllowed();
        String id = deploymentId;
        deploymentId = null;
        stopped = true;
        await(vertx.undeploy(id).toCompletionStage().toCompletableFuture(), "stop");
    }

    /** The bound port, or -1 before {@link #start()}. */
    public int port() {
        return verticle.port();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * Completes with the number of trades sent once a file replay has sent its last row; completes exceptionally if
     * the file cannot be read or the simulator stops first. Never completes in synthetic mode.
     */
    public CompletableFuture<Long> fileReplayFinished() {
        return replayFinished;
    }

    /** Pong frames Binance clients answered the simulator's pings with. */
    public long binancePongs() {
        return verticle.binancePongs();
    }

    /** Heartbeats (22000) AllTick clients sent so far. */
    public long allTickHeartbeats() {
        return verticle.allTickHeartbeats();
    }

    /** Binance WebSocket connections accepted so far. */
    public long binanceConnections() {
        return verticle.binanceConnections();
    }

    /** Finnhub WebSocket connections accepted so far. */
    public long finnhubConnections() {
        return verticle.finnhubConnections();
    }

    /** AllTick WebSocket connections accepted so far (with a token), on either endpoint. */
    public long allTickConnections() {
        return verticle.allTickConnections();
    }

    /** Trades the market made so far, served or not. */
    public long tradesMade() {
        return verticle.tradesMade();
    }

    /** Trades the trades endpoints hold now, all symbols together (bounded by the settings' trade history). */
    public long tradesRetained() {
        return verticle.tradesRetained();
    }

    /** Trades sent to at least one client so far. */
    public long tradesServed() {
        return verticle.tradesServed();
    }

    private static void requireBlockingAllowed() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("ExchangeSimulator start/stop block; do not call them on an event loop");
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during simulator " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Simulator " + what + " failed on " + settings.host() + ":"
                    + settings.port(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Simulator " + what + " timed out", e);
        }
    }
}
