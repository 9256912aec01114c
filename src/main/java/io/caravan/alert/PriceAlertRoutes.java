package io.caravan.alert;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Price alerts as events: logged and appended as JSON lines to {@code <data-dir>/alerts/price-alerts-<date>.ndjson}.
 * Another consumer (Redis pub/sub, a webhook) is one more {@code to(...)} here.
 */
@ApplicationScoped
public class PriceAlertRoutes extends RouteBuilder {

    public static final String ALERTS = "direct:price-alerts";

    @Override
    public void configure() {
        from(ALERTS).routeId("price-alerts")
                .log(LoggingLevel.INFO, "Price alert ${body.state}: ${body.symbol} ${body.price}, ${body.dropPercent}% below ${body.high}")
                .marshal().json()
                .transform(body().append("\n"))
                .to("file:{{caravan.data-dir}}/alerts?fileName=price-alerts-${date:now:yyyy-MM-dd}.ndjson&fileExist=Append");
    }
}
