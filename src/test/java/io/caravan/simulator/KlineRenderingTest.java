package io.caravan.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.bar.BarBuilder;
import io.caravan.bar.Interval;
import io.caravan.feed.Kline;
import io.caravan.feed.alltick.AllTickKlineCodec;
import io.caravan.feed.binance.BinanceKlineCodec;

/**
 * The simulator's Binance and AllTick kline answers read back by caravan's codecs: the minute bars the simulator
 * keeps (with trade count and exact notional) come back digit for digit, rolled up for coarser intervals, and the
 * count-based selection of AllTick takes the last bars up to its end.
 */
class KlineRenderingTest {

    static final long T0 = 1_709_287_200_000L; // 2024-03-01T10:00:00Z, a 5-minute boundary
    static final Interval M1 = Interval.parse("1m");
    static final Interval M5 = Interval.parse("5m");

    private static CandleStore store() {
        CandleStore store = new CandleStore();
        store.record(new SimTrade("BINANCE:BTCUSDT", T0 + 1_000, "61837.63000000", "0.00150000"));
        store.record(new SimTrade("BINANCE:BTCUSDT", T0 + 20_000, "61840.01", "0.25"));
        store.record(new SimTrade("BINANCE:BTCUSDT", T0 + 59_999, "61830.5", "1.1"));
        store.record(new SimTrade("BINANCE:BTCUSDT", T0 + 60_000, "61850", "0.3"));
        store.record(new SimTrade("BINANCE:BTCUSDT", T0 + 5 * 60_000 + 5, "61900.1", "2"));
        return store;
    }

    @Test
    void binanceRowsCarryTheExactQuoteVolumeAndTradeCount() throws Exception {
        List<CandleStore.Candle> candles = store().candles("BINANCE:BTCUSDT", M1.millis(), T0, T0 + 10 * 60_000L);
        String body = BinanceKlinesEndpoint.render(candles, M1.millis());
        List<Kline> klines = new BinanceKlineCodec().decode("BTCUSDT", M1, body);
        assertEquals(3, klines.size());
        Kline first = klines.get(0);
        assertEquals(T0, first.openTime());
        assertEquals(new BigDecimal("61837.63000000"), first.open());
        assertEquals(new BigDecimal("61840.01"), first.high());
        assertEquals(new BigDecimal("61830.5"), first.low());
        assertEquals(new BigDecimal("61830.5"), first.close());
        BigDecimal volume = new BigDecimal("0.00150000").add(new BigDecimal("0.25")).add(new BigDecimal("1.1"));
        BigDecimal notional = new BigDecimal("61837.63000000").multiply(new BigDecimal("0.00150000"))
                .add(new BigDecimal("61840.01").multiply(new BigDecimal("0.25")))
                .add(new BigDecimal("61830.5").multiply(new BigDecimal("1.1")));
        assertEquals(0, volume.compareTo(first.volume()));
        assertEquals(notional, first.notional(), "Σ price·size, not rounded");
        assertEquals(BarBuilder.vwap(notional, volume), first.vwap());
        assertEquals(3L, first.trades());
        assertEquals(T0 + 5 * 60_000L, klines.get(2).openTime());
        JsonNode row = new ObjectMapper().readTree(body).get(0);
        assertEquals(12, row.size(), "Binance's twelve fields: " + row);
        assertEquals(T0 + 60_000L - 1, row.get(6).asLong(), "close time = open time + 1m - 1 ms");
        assertTrue(row.get(7).isTextual() && row.get(8).isIntegralNumber(), "quote volume text, trades a number");

        // five minutes: the first two minutes rolled up, trades and notional summed
        List<Kline> fives = new BinanceKlineCodec().decode("BTCUSDT", M5,
                BinanceKlinesEndpoint.render(store().candles("BINANCE:BTCUSDT", M5.millis(), T0, T0 + 5 * 60_000L),
                        M5.millis()));
        assertEquals(2, fives.size());
        assertEquals(4L, fives.get(0).trades());
        assertEquals(notional.add(new BigDecimal("61850").multiply(new BigDecimal("0.3"))), fives.get(0).notional());
        assertEquals(new BigDecimal("61850"), fives.get(0).high());
        assertEquals(new BigDecimal("61850"), fives.get(0).close());
    }

    @Test
    void allTickListsCarryTurnoverAndNoTradeCount() {
        CandleStore store = store();
        // the last two bars starting at or before 10:04: 10:00 and 10:01
        List<CandleStore.Candle> candles = store.latest("BINANCE:BTCUSDT", M1.millis(), T0 + 4 * 60_000L, 2);
        assertEquals(List.of(T0, T0 + 60_000L), candles.stream().map(CandleStore.Candle::startMillis).toList());
        String body = AllTickKlineEndpoint.render("t-1", "BTCUSDT", 1, candles);
        List<Kline> klines = new AllTickKlineCodec().decode("BTCUSDT", M1, body);
        assertEquals(2, klines.size());
        Kline first = klines.get(0);
        assertEquals(T0, first.openTime());
        assertEquals(new BigDecimal("61837.63000000"), first.open());
        assertEquals(candles.get(0).notional(), first.notional(), "turnover is the exact notional");
        assertEquals(BarBuilder.vwap(candles.get(0).notional(), candles.get(0).volume()), first.vwap());
        assertNull(first.trades(), "AllTick reports no trade count");
        assertEquals(new BigDecimal("61850"), klines.get(1).open());

        assertEquals(3, store.latest("BINANCE:BTCUSDT", M1.millis(), T0 + 60 * 60_000L, 500).size());
        assertEquals(List.of(), store.latest("NOPE", M1.millis(), T0, 5));
        assertEquals(List.of(), new AllTickKlineCodec().decode("X", M1, AllTickKlineEndpoint.render("t", "X", 1,
                List.of())));
    }
}
