package io.caravan.tick;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * One refused trade of a batch to the dead letter, recorded exactly as if it had travelled alone (same feed, reason
 * and raw text): a batch goes on with its other trades instead of failing as a whole.
 */
@ApplicationScoped
public class Refusals {

    private final CamelContext camel;
    private volatile ProducerTemplate producer;

    public Refusals(CamelContext camel) {
        this.camel = camel;
    }

    /** @param raw the trade's own text, or null to use the one the exception carries */
    public void send(Exchange batch, Object body, String raw, Exception reason) {
        Exchange refused = batch.copy();
        refused.setException(null);
        refused.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        refused.setProperty(TickRoutes.RAW_PROPERTY, raw);
        refused.getMessage().setBody(body);
        producer().send("direct:dead-letter", refused);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }
}
