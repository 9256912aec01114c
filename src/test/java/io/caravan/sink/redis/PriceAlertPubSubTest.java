package io.caravan.sink.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.alert.PriceAlert;
import io.caravan.alert.PriceAlertRoutes;
import io.caravan.support.RedisBars;
import io.caravan.support.RedisChannelRecorder;
import io.caravan.support.RedisTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the pubsub sink on, a price alert reaches a real Redis subscriber on {@code alerts:<SYMBOL>}. */
@QuarkusTest
@TestProfile(PriceAlertPubSubTest.Profile.class)
@WithTestResource(value = RedisChannelRecorder.class, initArgs = @ResourceArg(name = "prefix", value = PriceAlertPubSubTest.PREFIX))
class PriceAlertPubSubTest {

    static final String PREFIX = "test:alerts:";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caravan.feeds", "none", "caravan.sinks", "pubsub", "caravan.redis.url", RedisTestClient.URL,
                    "caravan.redis.prefix", PREFIX, "caravan.data-dir", "target/test-data/alerts-pubsub");
        }
    }

    @Inject
    CamelContext camel;

    @Test
    void anAlertIsPublishedOnItsSymbolsChannel() {
        PriceAlert alert = new PriceAlert("price-alert", "AIG", PriceAlert.RAISED, 1_381_165_200_000L,
                new BigDecimal("47.50"), new BigDecimal("48.60"), new BigDecimal("2.2634"), "drop > 2%");
        camel.createProducerTemplate().sendBody(PriceAlertRoutes.ALERTS, alert);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<RedisChannelRecorder.Message> alerts = RedisChannelRecorder.MESSAGES.stream()
                    .filter(m -> m.channel().equals(PREFIX + "alerts:AIG")).toList();
            assertEquals(1, alerts.size());
            JsonNode event = RedisBars.parse(alerts.get(0).payload());
            assertEquals("raised", event.get("state").asText());
            assertEquals(0, new BigDecimal("47.50").compareTo(event.get("price").decimalValue()));
        });
    }
}
