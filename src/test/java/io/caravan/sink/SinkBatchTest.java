package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.caravan.bar.Bar;
import io.caravan.bar.Interval;

/** A sink's queue holds single bars (re-driven) and the bars of whole closes; a batch takes closes whole. */
class SinkBatchTest {

    static final Interval M1 = Interval.parse("1m");

    static List<Bar> bars(String prefix, int n) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bars.add(new Bar(prefix + i, M1, 0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1L));
        }
        return bars;
    }

    static Exchange entry(CamelContext camel, Object body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        return e;
    }

    @Test
    void whatWaitsJoinsTheBatchWhileItHoldsFewerBarsThanTheMaximumAndACloseIsNeverSplit() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            SedaEndpoint queue = camel.getEndpoint("seda:sink-test?size=100", SedaEndpoint.class);
            List<Bar> first = bars("A", 3);
            List<Bar> second = bars("B", 2);
            Bar redriven = bars("C", 1).get(0);
            List<Bar> fourth = bars("D", 4);
            queue.getQueue().add(entry(camel, second));
            queue.getQueue().add(entry(camel, redriven));
            queue.getQueue().add(entry(camel, fourth));
            Sinks sinks = new Sinks(SinksTest.config(Map.of("caravan.sinks", "jdbc,audit",
                    "caravan.sink.audit.uri", "log:audit")));
            assertEquals(7, sinks.barsWaiting("jdbc", queue), "bars, not entries");
            assertEquals(3, sinks.barsWaiting("audit", queue), "a user sink's queue holds one bar an entry");

            Exchange taken = entry(camel, first);
            taken.getExchangeExtension().setFromEndpoint(queue);
            new SinkBatch(6).process(taken);

            List<Bar> expected = new ArrayList<>(first);
            expected.addAll(second);
            expected.add(redriven);
            assertEquals(expected, taken.getMessage().getBody(List.class), "3 + 2 + 1: the maximum reached");
            assertEquals(4, sinks.barsWaiting("jdbc", queue));

            Exchange next = queue.getQueue().poll();
            next.getExchangeExtension().setFromEndpoint(queue);
            new SinkBatch(2).process(next);
            assertEquals(fourth, next.getMessage().getBody(List.class), "a close above the maximum stays whole");
            assertSame(null, queue.getQueue().peek());
        }
    }
}
