package io.caravan.feed.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.caravan.feed.binance.BinanceAggTradeCodec;
import io.caravan.feed.finnhub.FinnhubTickCodec;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/** The REST trades answers gap-fill reads: Finnhub's tick shape and Binance's aggTrades. */
class TradeAnswersTest {

    private final TickValidator validator = new TickValidator();

    @Test
    void finnhubTickAnswerGivesTradesWithExactTextAndAPageTotal() {
        FinnhubTickCodec.Page page = new FinnhubTickCodec().decode("AIG", """
                {"s":"AIG","skip":2,"count":2,"total":9,"t":[1381152600123,1381152600500],"p":[48.1000,48.12],
                 "v":[100,0],"i":[3,4]}""");
        assertEquals(9, page.total());
        List<RawTrade> trades = page.trades();
        assertEquals(2, trades.size());
        assertEquals("48.1000", trades.get(0).price(), "the decimal text as sent");
        assertEquals("tick:3", trades.get(0).dedupeKey());
        io.caravan.tick.Tick second = validator.validate(trades.get(1));
        assertEquals(1381152600500L, second.ts());
        assertEquals(0, second.size().signum(), "v=0 is a trade too");
    }

    @Test
    void finnhubTickAnswerThatIsNotOneIsRefusedWithAReason() {
        FinnhubTickCodec codec = new FinnhubTickCodec();
        assertEquals(RejectReason.MISSING_FIELD, assertThrows(TickRejectedException.class,
                () -> codec.decode("AIG", "{\"t\":[1],\"p\":[1]}")).reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(TickRejectedException.class,
                () -> codec.decode("AIG", "{\"t\":[1,2],\"p\":[1],\"v\":[1]}")).reason());
        assertEquals(RejectReason.PROVIDER_ERROR, assertThrows(TickRejectedException.class,
                () -> codec.decode("AIG", "{\"error\":\"You don't have access to this resource.\"}")).reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(TickRejectedException.class,
                () -> codec.decode("AIG", "{\"t\":[1,]")).reason());
    }

    @Test
    void binanceAggTradesOfOneTradeAreThatTradeAndSeveralAreOne() {
        BinanceAggTradeCodec.Page page = new BinanceAggTradeCodec().decode("BTCUSDT", """
                [{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true,"M":true},
                 {"a":26130,"p":"0.01633200","q":"1.00000000","f":27782,"l":27785,"T":1498793709200,"m":false,"M":true}]""");
        assertEquals(26130, page.lastId());
        assertEquals(1498793709200L, page.lastTime());
        RawTrade single = page.trades().get(0);
        assertEquals("trade:27781", single.dedupeKey(), "the key the trade stream gives the same trade");
        assertEquals(27781L, validator.validate(single).tradeId());
        RawTrade several = page.trades().get(1);
        assertEquals("aggTrade:26130", several.dedupeKey());
        assertEquals("1.00000000", several.size());
        assertEquals(RejectReason.PROVIDER_ERROR, assertThrows(TickRejectedException.class,
                () -> new BinanceAggTradeCodec().decode("X", "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")).reason());
    }
}
