package io.caravan.simulator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client speaking Binance: the streams it named in its path ({@code /stream?streams=..}, combined, or
 * {@code /ws/<stream>}, raw) plus those it subscribes to later; one message per trade; a WebSocket ping frame every
 * ping interval. Lives on the simulator's event loop; not thread safe.
 */
final class BinanceSimulatorSocket implements SimulatorClient {

    private static final Logger LOG = Logger.getLogger(BinanceSimulatorSocket.class);

    private final ServerWebSocket ws;
    private final boolean combined;
    private final ClientConnection connection;
    private final Consumer<String> onSubscribe;
    /** stream names subscribed, lower case, e.g. btcusdt@trade */
    private final Set<String> streams = new LinkedHashSet<>();

    /**
     * @param initialStreams already checked by {@link BinanceFrames#parseStreams}
     * @param onSubscribe    told the Binance symbol (upper case) of every new stream
     * @param pongs          counts the pong frames clients answer pings with
     */
    BinanceSimulatorSocket(Vertx vertx, ServerWebSocket ws, boolean combined, List<String> initialStreams,
            Duration pingInterval, Consumer<String> onSubscribe, Consumer<SimulatorClient> onClose, AtomicLong pongs) {
        this.ws = ws;
        this.combined = combined;
        this.onSubscribe = onSubscribe;
        this.connection = new ClientConnection(vertx, ws, "Binance", pingInterval,
                () -> ws.writePing(Buffer.buffer(Long.toString(System.currentTimeMillis()))), () -> onClose.accept(this));
        ws.pongHandler(payload -> pongs.incrementAndGet());
        ws.textMessageHandler(this::onMessage);
        initialStreams.forEach(this::subscribe);
    }

    String name() {
        return connection.name();
    }

    @Override
    public boolean isSubscribed(String symbol) {
        return streams.contains(BinanceFrames.tradeStream(symbol));
    }

    @Override
    public boolean wantsKlines(String symbol) {
        return streams.contains(BinanceFrames.klineStream(symbol));
    }

    @Override
    public void sendKline(String symbol, CandleStore.Candle minute) {
        connection.writeEach(List.of(minute), m -> BinanceFrames.kline(symbol, m, System.currentTimeMillis(), combined));
    }

    @Override
    public void sendTrades(List<NumberedTrade> trades) {
        long now = System.currentTimeMillis();
        connection.writeEach(trades, trade -> BinanceFrames.trade(trade, now, combined));
    }

    @Override
    public ClientConnection connection() {
        return connection;
    }

    /** As Binance before maintenance: a serverShutdown event, then, with {@code close}, the connection is closed. */
    void shutDown(boolean close) {
        if (!connection.isClosed()) {
            ws.writeTextMessage(BinanceFrames.serverShutdown(System.currentTimeMillis(), combined));
            if (close) {
                ws.close();
            }
        }
    }

    private void subscribe(String stream) {
        if (streams.add(stream)) {
            LOG.infof("Binance client %s subscribed to %s", name(), stream);
            onSubscribe.accept(BinanceFrames.symbolOf(stream));
        }
    }

    private void onMessage(String text) {
        BinanceFrames.ControlRequest request;
        try {
            request = BinanceFrames.parseControl(text);
            if ("SUBSCRIBE".equals(request.method())
                    && streams.size() + request.streams().stream().filter(s -> !streams.contains(s)).distinct().count()
                            > BinanceFrames.MAX_STREAMS) {
                throw new BinanceFrames.BadRequestException("Invalid request: more than " + BinanceFrames.MAX_STREAMS
                        + " streams on one connection", request.id());
            }
        } catch (BinanceFrames.BadRequestException e) {
            LOG.debugf("Binance client %s: %s", name(), e.getMessage());
            ws.writeTextMessage(BinanceFrames.error(e));
            return;
        }
        switch (request.method()) {
            case "SUBSCRIBE" -> {
                request.streams().forEach(this::subscribe);
                ws.writeTextMessage(BinanceFrames.result(request.id(), null));
            }
            case "UNSUBSCRIBE" -> {
                request.streams().forEach(streams::remove);
                ws.writeTextMessage(BinanceFrames.result(request.id(), null));
            }
            default -> ws.writeTextMessage(BinanceFrames.result(request.id(), List.copyOf(streams)));
        }
    }
}
