package io.caravan.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client speaking AllTick: a 22004 replaces its whole list of codes, 22000 heartbeats are answered with 22001,
 * and a client silent for {@link #SILENCE_LIMIT} is disconnected, as AllTick does. One push per trade. Lives on the
 * simulator's event loop; not thread safe.
 */
final class AllTickSimulatorSocket implements SimulatorClient {

    private static final Logger LOG = Logger.getLogger(AllTickSimulatorSocket.class);

    /** AllTick closes a connection that sent no heartbeat (or anything else) for 30 s. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(30);

    private final ServerWebSocket ws;
    private final ClientConnection connection;
    private final UnaryOperator<String> simulatorSymbol;
    private final Consumer<String> onSubscribe;
    /** simulator symbol → the code the client subscribed it as */
    private final Map<String, String> codes = new LinkedHashMap<>();
    private final AtomicLong heartbeats;
    private long lastHeard = System.currentTimeMillis();

    /**
     * @param simulatorSymbol the simulator's symbol for an AllTick code
     * @param onSubscribe     told the simulator symbol of every newly subscribed code
     * @param heartbeats      counts the heartbeats clients send
     */
    AllTickSimulatorSocket(Vertx vertx, ServerWebSocket ws, UnaryOperator<String> simulatorSymbol,
            Consumer<String> onSubscribe, Consumer<SimulatorClient> onClose, AtomicLong heartbeats) {
        this.ws = ws;
        this.heartbeats = heartbeats;
        this.simulatorSymbol = simulatorSymbol;
        this.onSubscribe = onSubscribe;
        this.connection = new ClientConnection(vertx, ws, "AllTick", Duration.ofSeconds(1), this::closeIfSilent,
                () -> onClose.accept(this));
        ws.textMessageHandler(this::onMessage);
    }

    String name() {
        return connection.name();
    }

    @Override
    public boolean isSubscribed(String symbol) {
        return codes.containsKey(symbol);
    }

    @Override
    public void sendTrades(List<NumberedTrade> trades) {
        connection.writeEach(trades, trade -> AllTickFrames.trade(trade, codes.get(trade.trade().symbol())));
    }

    @Override
    public ClientConnection connection() {
        return connection;
    }

    /** A client without a token is told so, then closed, as by AllTick. */
    void refuseToken() {
        ws.writeTextMessage(AllTickFrames.tokenInvalid());
        ws.close();
    }

    private void closeIfSilent() {
        if (System.currentTimeMillis() - lastHeard > SILENCE_LIMIT.toMillis()) {
            LOG.infof("AllTick client %s sent no heartbeat for %s; disconnecting", name(), SILENCE_LIMIT);
            connection.close();
        }
    }

    private void onMessage(String text) {
        lastHeard = System.currentTimeMillis();
        AllTickFrames.Request request;
        try {
            request = AllTickFrames.parse(text);
        } catch (AllTickFrames.BadRequestException e) {
            LOG.debugf("AllTick client %s: %s", name(), e.getMessage());
            ws.writeTextMessage(AllTickFrames.error(e));
            return;
        }
        switch (request.cmd()) {
            case AllTickFrames.SUBSCRIBE_TRADES -> {
                // a new list replaces the old one
                Map<String, String> previous = new LinkedHashMap<>(codes);
                codes.clear();
                for (String code : request.codes()) {
                    codes.put(simulatorSymbol.apply(code), code);
                }
                LOG.infof("AllTick client %s subscribed to %s", name(), request.codes());
                codes.keySet().stream().filter(s -> !previous.containsKey(s)).forEach(onSubscribe);
            }
            case AllTickFrames.CANCEL -> codes.clear();
            default -> heartbeats.incrementAndGet(); // a heartbeat: the reply is all
        }
        ws.writeTextMessage(AllTickFrames.ok(request));
    }
}
