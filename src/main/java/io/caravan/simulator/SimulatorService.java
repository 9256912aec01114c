package io.caravan.simulator;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.caravan.CaravanConfig;
import io.vertx.core.Vertx;

/**
 * The simulator as an application bean. It does not start or stop itself: whoever assembles the feeds starts it
 * when {@code caravan.feeds} contains {@code simulator} (so a run against the real exchange opens no extra port)
 * and stops it after the routes that use it.
 */
@ApplicationScoped
public class SimulatorService {

    @Inject
    Vertx vertx;

    @Inject
    CaravanConfig config;

    private ExchangeSimulator simulator;

    /** Starts the simulator from {@code caravan.simulator.*}; idempotent. @return the bound port */
    public synchronized int start() {
        if (simulator == null) {
            ExchangeSimulator created = new ExchangeSimulator(vertx, SimulatorSettings.from(config));
            created.start();
            simulator = created;
        }
        return simulator.port();
    }

    /** Idempotent; a later {@link #start()} starts a fresh simulator. */
    public synchronized void stop() {
        if (simulator != null) {
            ExchangeSimulator running = simulator;
            simulator = null;
            running.stop();
        }
    }

    /** The running simulator, empty when not started. */
    public synchronized Optional<ExchangeSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

}
