package io.caravan.alert;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.sink.Sinks;
import io.caravan.sink.redis.RedisPublisher;

/**
 * Price alerts as events: logged, published on Redis channel {@code alerts:<SYMBOL>} when the {@code pubsub} sink is
 * on, and appended as JSON lines to {@code <data-dir>/alerts/price-alerts-<date>.ndjson}. Another consumer (a
 * webhook) is one more {@code to(...)} here.
 */
@ApplicationScoped
public class PriceAlertRoutes extends RouteBuilder {

    public static final String ALERTS = "direct:price-alerts";

    private final Sinks sinks;
    private final RedisPublisher publisher;

    public PriceAlertRoutes(Sinks sinks, RedisPublisher publisher) {
        this.sinks = sinks;
        this.publisher = publisher;
    }

    @Override
    public void configure() {
        from(ALERTS).routeId("price-alerts")
                .log(LoggingLevel.INFO, "Price alert ${body.state}: ${body.symbol} ${body.price}, ${body.dropPercent}% below ${body.high}")
                .filter(constant(sinks.isActive(Sinks.PUBSUB)))
                    // Redis down must not cost the alert its file record
                    .doTry()
                        .bean(publisher, "publishAlert")
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "Price alert not published on Redis: ${exception.message}")
                    .end()
                .end()
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/alerts?fileName=price-alerts-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
