package io.caravan.feed.finnhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Finnhub's symbol cap applies to the real service only, and keeps the first symbols in configured order. */
class FinnhubSubscriptionTest {

    private static final List<String> SIXTY = IntStream.rangeClosed(1, 60).mapToObj(i -> "S" + i).toList();

    @Test
    void theRealServiceGetsTheFirstMaxSymbolsOnly() {
        FinnhubSubscription subscription = new FinnhubSubscription(SIXTY, true, 50);
        assertEquals(SIXTY.subList(0, 50), subscription.symbols());
        assertEquals(50, subscription.messages().size());
        assertEquals("{\"type\":\"subscribe\",\"symbol\":\"S1\"}", subscription.messages().get(0));
    }

    @Test
    void theSimulatorHasNoCap() {
        assertEquals(SIXTY, new FinnhubSubscription(SIXTY, false, 50).symbols());
    }

    @Test
    void atTheCapNothingIsLeftOut() {
        assertEquals(SIXTY.subList(0, 50), new FinnhubSubscription(SIXTY.subList(0, 50), true, 50).symbols());
    }
}
