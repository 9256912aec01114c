package io.caravan.feed.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class OrderedWebsocketEndpointTest {

    static final Function<String, Optional<String>> CONFIG = name -> Optional.ofNullable(
            Map.of("caravan.finnhub.token", "s3cr&t=", "blank", " ").get(name));

    @Test
    void theNamedPropertyBecomesTheTokenParameter() {
        assertEquals("/?token=s3cr%26t%3D", OrderedWebsocketEndpoint.forServer("/?tokenConfig=caravan.finnhub.token", CONFIG));
        assertEquals("/ws?a=1&token=s3cr%26t%3D&b=2",
                OrderedWebsocketEndpoint.forServer("/ws?a=1&tokenConfig=caravan.finnhub.token&b=2", CONFIG));
    }

    @Test
    void anUnsetOrBlankPropertySendsNoToken() {
        assertEquals("/", OrderedWebsocketEndpoint.forServer("/?tokenConfig=missing", CONFIG));
        assertEquals("/?a=1", OrderedWebsocketEndpoint.forServer("/?a=1&tokenConfig=blank", CONFIG));
        assertEquals("/stream?streams=x", OrderedWebsocketEndpoint.forServer("/stream?streams=x", CONFIG));
        assertEquals("/", OrderedWebsocketEndpoint.forServer("/", CONFIG));
    }

    @Test
    void maxConnectionAgeStaysWithTheClient() {
        assertEquals("/stream?streams=x", OrderedWebsocketEndpoint.forServer("/stream?maxConnectionAge=5&streams=x", CONFIG));
        assertEquals("/stream", OrderedWebsocketEndpoint.forServer("/stream?maxConnectionAge=5", CONFIG));
    }
}
