package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The rule {@code LiveRoutes} relies on: an error in a watcher route called by {@code direct:} and absorbed there
 * with {@code continued(true)} lets the calling route go on, so a closed bar still reaches what comes after.
 */
class WatcherErrorTest {

    @Test
    void aContinuedErrorInACalledRouteLetsTheCallerGoOn() throws Exception {
        List<Object> after = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:closed").to("direct:watchers").process(e -> after.add(e.getMessage().getBody()));
                }
            });
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).continued(true);
                    from("direct:watchers").process(e -> {
                        throw new IllegalStateException("watcher failed");
                    });
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:closed", "bar");
        }
        assertEquals(List.of("bar"), after);
    }
}
