package io.caravan.bar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.CaravanConfig;
import io.caravan.tick.RejectReason;
import io.caravan.tick.Tick;
import io.caravan.tick.TickRejectedException;

/**
 * The base aggregator as BarRoutes wires it, in a plain Camel context, closed by {@link OpenBars#closeDue} at times
 * the test gives (the clock is the caller's): one group per bucket, completed once, carrying all its bars.
 */
class BucketCompletionTest {

    static final long T0 = BarBookTest.T0;
    static final long GRACE = 2_000;

    CamelContext camel;
    ProducerTemplate producer;
    OpenBars openBars;
    ClosedBars closedBars;
    TickAggregationStrategy ticks;
    final List<Object> closes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        CaravanConfig config = FlatBarsTest.config(false);
        BarIntervals intervals = new BarIntervals(config);
        closedBars = new ClosedBars(config, intervals);
        openBars = new OpenBars(closedBars);
        ticks = new TickAggregationStrategy(intervals, closedBars);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tick")
                        .aggregate(ticks.correlation(), ticks)
                            .aggregationRepository(openBars.baseGroups())
                            .aggregateController(openBars.baseController())
                            .executorService(new SynchronousExecutorService())
                            .completionPredicate(constant(false))
                            .process(e -> closes.add(e.getMessage().getBody()));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    static Tick tick(String symbol, long ts, String price) {
        return BarBookTest.tick(symbol, ts, price, "1", ts);
    }

    /** Ticks of one bucket, as the batch route (or BarRevisions) hands them to the aggregator. */
    static TickGroup group(Tick... ticks) {
        long bucket = Math.floorDiv(ticks[0].ts(), BarBookTest.M1.millis()) * BarBookTest.M1.millis();
        return new TickGroup(BarBook.keyOf(BarBookTest.M1, bucket), List.of(ticks));
    }

    @Test
    void aBucketClosesOnceWithEveryBarOfItAsOneBatch() {
        producer.sendBody("direct:tick", group(tick("MSFT", T0 + 10, "10")));
        producer.sendBody("direct:tick",
                group(tick("IBM", T0 + 20, "30"), tick("AAPL", T0 + 30, "20"), tick("MSFT", T0 + 40, "11")));
        producer.sendBody("direct:tick", group(tick("MSFT", T0 + 60_001, "12"))); // the next bucket
        assertEquals(2, openBars.baseGroups().getKeys().size(), "one group per bucket, not per bar");

        assertEquals(0, openBars.closeDue(T0 + 60_000 + GRACE - 1, GRACE), "not before open + interval + grace");
        assertEquals(List.of(), closes);

        assertEquals(3, openBars.closeDue(T0 + 60_000 + GRACE, GRACE), "three bars closed");
        assertEquals(1, closes.size(), "one exchange for the bucket");
        List<?> batch = assertInstanceOf(List.class, closes.get(0));
        assertEquals(List.of("AAPL", "IBM", "MSFT"), batch.stream().map(b -> ((Bar) b).symbol()).toList());
        Bar msft = (Bar) batch.get(2);
        assertEquals(2L, msft.trades());
        assertEquals("11", msft.close().toPlainString());
        assertTrue(batch.stream().allMatch(b -> ((Bar) b).openTime() == T0));
        assertEquals(msft, closedBars.get(msft.key()).state().build(), "kept for revisions");

        assertEquals(0, openBars.closeDue(T0 + 60_000 + GRACE + 1, GRACE), "a bucket completes once");
        assertEquals(List.of(BarBook.keyOf(BarBookTest.M1, T0 + 60_000).text()),
                List.copyOf(openBars.baseGroups().getKeys()), "the next bucket stays open");
        assertEquals(1, openBars.closeAll());
        assertEquals(2, closes.size());
    }

    @Test
    void aLiveTradeCannotReopenAClosedBucketButAFetchedOneBeginsItsBar() {
        producer.sendBody("direct:tick", group(tick("MSFT", T0 + 10, "10")));
        openBars.closeDue(T0 + 60_000 + GRACE, GRACE);

        CamelExecutionException late = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> producer.sendBody("direct:tick", group(tick("AAPL", T0 + 20, "20"))));
        Throwable cause = late;
        while (cause != null && !(cause instanceof TickRejectedException)) {
            cause = cause.getCause();
        }
        TickRejectedException refused = assertInstanceOf(TickRejectedException.class, cause, late.toString());
        assertEquals(RejectReason.LATE, refused.reason());
        assertTrue(openBars.baseGroups().getKeys().isEmpty());

        producer.sendBodyAndProperty("direct:tick", group(tick("AAPL", T0 + 20, "20")),
                TickAggregationStrategy.BACKFILL, true);
        assertEquals(1, openBars.closeDue(T0 + 60_000 + GRACE, GRACE));
        List<?> batch = (List<?>) closes.get(1);
        Bar aapl = (Bar) batch.get(0);
        assertEquals(List.of("AAPL", BarQuality.BACKFILLED), List.of(aapl.symbol(), aapl.quality()));
    }
}
