package io.caravan.feed.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client consumer over a real WebSocket, with a route held up at the first message: a lost connection is replaced
 * while its messages still wait for the route, the events reach the route in order (the old connection's messages,
 * its CLOSE, then the new connection's OPEN), and a reconnect asked for by a message of the replaced connection
 * closes nothing.
 */
class OrderedClientConsumerTest {

    static final int MESSAGES = 200;

    Vertx vertx;
    HttpServer server;
    CamelContext camel;
    OrderedClientConsumer consumer;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closedByClient = new AtomicInteger();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch routeHeld = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    /**
     * A server whose first connection sends these messages and closes; the next connections stay open and quiet.
     * Then a feed route that records every event, is held at "m0", and answers "shutdown" as the Binance route
     * answers serverShutdown (websocketReconnect).
     */
    void start(List<String> firstConnectionSends) throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.toWebSocket().onSuccess(ws -> {
            if (connections.incrementAndGet() == 1) {
                firstConnectionSends.forEach(ws::writeTextMessage);
                ws.close();
            } else {
                ws.closeHandler(v -> closedByClient.incrementAndGet());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        OrderedWebsocketComponent component = new OrderedWebsocketComponent();
        component.setVertx(vertx);
        camel = new DefaultCamelContext();
        camel.addComponent("vertx-websocket", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("vertx-websocket:127.0.0.1:" + server.actualPort() + "/feed?consumeAsClient=true"
                        + "&fireWebSocketConnectionEvents=true&reconnectInitialDelay=100&reconnectInterval=200")
                        .routeId("feed")
                        .process(exchange -> {
                            Object event = exchange.getMessage().getHeader(VertxWebsocketConstants.EVENT);
                            String body = exchange.getMessage().getBody(String.class);
                            events.add(body == null ? String.valueOf(event) : body);
                            if ("shutdown".equals(body)) {
                                consumer.reconnect("the server announced its shutdown");
                            }
                            if ("m0".equals(body)) {
                                // a route that falls behind: the first message holds up all that follow
                                routeHeld.countDown();
                                release.await(30, TimeUnit.SECONDS);
                            }
                        });
            }
        });
        camel.start();
        consumer = (OrderedClientConsumer) camel.getRoute("feed").getConsumer();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (camel != null) {
            camel.stop();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void aLostConnectionIsReplacedWhileItsMessagesStillWaitForTheRoute() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            sent.add("m" + i);
        }
        start(sent);
        assertTrue(routeHeld.await(10, TimeUnit.SECONDS), "the first message reached the route");
        // before, the reconnect queued behind the messages: no second connection until the route let go
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connections.get() == 2);
        assertTrue(consumer.pendingBytes() > 0, "the first connection's messages still wait");
        assertEquals(List.of("OPEN", "m0"), events, "the route is still held at the first message");

        release.countDown();
        List<String> expected = new ArrayList<>(List.of("OPEN"));
        expected.addAll(sent);
        expected.addAll(List.of("CLOSE", "OPEN"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= expected.size());
        assertEquals(expected, events, "the old connection's messages, its CLOSE, then the new connection's OPEN");
        assertEquals(0, consumer.pendingBytes());
    }

    /**
     * A server that announces its shutdown and closes soon after: the route reaches the announcement only once the
     * connection has been replaced, and must not close the replacement (BinanceFeedTest lost 7,377 trades so under
     * load: the healthy new connection was cut).
     */
    @Test
    void anAnnouncementFromAConnectionAlreadyReplacedClosesNothing() throws Exception {
        start(List.of("m0", "shutdown"));
        assertTrue(routeHeld.await(10, TimeUnit.SECONDS), "the first message reached the route");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connections.get() == 2);

        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 5);
        assertEquals(List.of("OPEN", "m0", "shutdown", "CLOSE", "OPEN"), events);
        // before, the old connection's announcement closed the new connection, and a third was opened
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> connections.get() == 2 && closedByClient.get() == 0);
    }
}
