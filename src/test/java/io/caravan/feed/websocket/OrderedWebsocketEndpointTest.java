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
        assertEquals("/?token=s3cr%26t%3D", OrderedWebsocketEndpoint.withToken("/?tokenConfig=caravan.finnhub.token", CONFIG));
        assertEquals("/ws?a=1&token=s3cr%26t%3D&b=2",
                OrderedWebsocketEndpoint.withToken("/ws?a=1&tokenConfig=caravan.finnhub.token&b=2", CONFIG));
    }

    @Test
    void anUnsetOrBlankPropertySendsNoToken() {
        assertEquals("/", OrderedWebsocketEndpoint.withToken("/?tokenConfig=missing", CONFIG));
        assertEquals("/?a=1", OrderedWebsocketEndpoint.withToken("/?a=1&tokenConfig=blank", CONFIG));
        assertEquals("/stream?streams=x", OrderedWebsocketEndpoint.withToken("/stream?streams=x", CONFIG));
        assertEquals("/", OrderedWebsocketEndpoint.withToken("/", CONFIG));
    }
}
