package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.bar.Interval;
import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.alltick.AllTickKlineCodec;
import io.caravan.feed.binance.BinanceAggTradeCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.binance.BinanceKlineCodec;
import io.caravan.feed.finnhub.FinnhubCandleCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.feed.finnhub.FinnhubTickCodec;
import io.caravan.snapshot.SimulatorSnapshotCodec;
import io.caravan.snapshot.SnapshotAnswer;
import io.caravan.tick.RawTrade;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/**
 * JSON numbers built to cost (a ten-character 1e10000000 is ten million digits in plain form) in every codec: each is
 * refused on its own with its reason, at once; the other trades of the same frame are kept. A regression fails on
 * the timeout instead of hanging the build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileNumberFramesTest {

    static final String TS = "1723161255342";

    private final TickValidator validator = new TickValidator();

    private void assertRefused(RejectReason reason, RawTrade trade) {
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(trade));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().length() <= 1_000, "message of " + e.getMessage().length() + " characters");
        assertTrue(trade.raw().length() <= 1_000, "raw of " + trade.raw().length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e10000000", "1e2147483647", "1e-2147483647", "1e777777777000", "1e2147483648",
            "1e-2147483648", "-1.5e999999999" })
    void finnhubKeepsTheOtherTradesOfTheFrame(String number) {
        String frame = "{\"type\":\"trade\",\"data\":[{\"p\":" + number + ",\"s\":\"A\",\"t\":" + TS + ",\"v\":1},"
                + "{\"p\":1.5,\"s\":\"B\",\"t\":" + TS + ",\"v\":" + number + "},"
                + "{\"p\":2.25,\"s\":\"C\",\"t\":" + TS + ",\"v\":3}]}";
        List<RawTrade> trades = new FinnhubCodec().decode(frame);
        assertEquals(3, trades.size());
        assertRefused(RejectReason.NOT_A_NUMBER, trades.get(0));
        assertTrue(trades.get(0).raw().contains(number), "the number as it came: " + trades.get(0).raw());
        assertRefused(RejectReason.NOT_A_NUMBER, trades.get(1));
        assertEquals("2.25", validator.validate(trades.get(2)).price().toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.777E+777777003", "1e10000000", "1e2147483647", "\"+999999999-12-31T23:59:59Z\"" })
    void finnhubTimestampsBeyondRangeAreBadTimestamps(String ts) {
        String frame = "{\"type\":\"trade\",\"data\":[{\"p\":1.5,\"s\":\"A\",\"t\":" + ts + ",\"v\":1},"
                + "{\"p\":2.5,\"s\":\"A\",\"t\":" + TS + ",\"v\":1}]}";
        List<RawTrade> trades = new FinnhubCodec().decode(frame);
        assertRefused(RejectReason.BAD_TIMESTAMP, trades.get(0));
        assertEquals(Long.parseLong(TS), validator.validate(trades.get(1)).ts());
    }

    @Test
    void finnhubElementThatIsNoObjectIsRefusedAlone() {
        String frame = "{\"type\":\"trade\",\"data\":[42,{\"p\":2.5,\"s\":\"A\",\"t\":" + TS + ",\"v\":1}]}";
        List<RawTrade> trades = new FinnhubCodec().decode(frame);
        assertEquals(2, trades.size());
        assertRefused(RejectReason.MALFORMED, trades.get(0));
        assertEquals("2.5", validator.validate(trades.get(1)).price().toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e10000000", "1e2147483647", "1e777777777000" })
    void binanceTradeWithAHugeNumberIsRefused(String number) {
        String frame = "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":5,\"p\":" + number + ",\"q\":\"1\",\"T\":" + TS + "}";
        assertRefused(RejectReason.NOT_A_NUMBER, new BinanceCodec().decode(frame).get(0));
        String time = "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":6,\"p\":\"1\",\"q\":\"1\",\"T\":" + number + "}";
        assertRefused(RejectReason.BAD_TIMESTAMP, new BinanceCodec().decode(time).get(0));
    }

    @Test
    void allTickHugeNumbersAreRefused() {
        AllTickCodec codec = new AllTickCodec();
        String push = "{\"cmd_id\":22998,\"data\":{\"code\":\"X\",\"seq\":\"1\",\"tick_time\":1.777E+777777003,"
                + "\"price\":\"1\",\"volume\":\"1\"}}";
        assertRefused(RejectReason.BAD_TIMESTAMP, codec.decode(push).get(0));
        assertEquals(RejectReason.PROVIDER_ERROR, assertThrows(TickRejectedException.class,
                () -> codec.decode("{\"ret\":1e10000000,\"cmd_id\":22998,\"data\":{}}")).reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(TickRejectedException.class,
                () -> codec.decode("{\"cmd_id\":1e10000000,\"data\":{}}")).reason());
    }

    @Test
    void gapFillAnswersKeepTheirOtherTrades() {
        FinnhubTickCodec.Page page = new FinnhubTickCodec().decode("A", "{\"s\":\"A\",\"skip\":1e-10000000,\"total\":1e10000000,"
                + "\"t\":[" + TS + ",1e10000000],\"p\":[1e10000000,1.5],\"v\":[1,2]}");
        assertEquals(2, page.trades().size());
        assertRefused(RejectReason.NOT_A_NUMBER, page.trades().get(0));
        assertRefused(RejectReason.BAD_TIMESTAMP, page.trades().get(1));

        BinanceAggTradeCodec.Page agg = new BinanceAggTradeCodec().decode("BTCUSDT",
                "[{\"a\":1e10000000,\"p\":\"1\",\"q\":\"1\",\"f\":1e-10000000,\"l\":1,\"T\":1e10000000},"
                        + "{\"a\":7,\"p\":\"2\",\"q\":\"1\",\"f\":7,\"l\":7,\"T\":" + TS + "}]");
        assertEquals(2, agg.trades().size());
        assertRefused(RejectReason.BAD_TIMESTAMP, agg.trades().get(0));
        assertEquals(7, agg.lastId());
        assertEquals("2", validator.validate(agg.trades().get(1)).price().toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e10000000", "1e2147483647", "1e777777777000", "\"1e10000000\"" })
    void klinesWithHugeNumbersAreRefused(String number) {
        Interval m1 = Interval.parse("1m");
        assertNotANumber(() -> new BinanceKlineCodec().decode("X", m1,
                "[[1704189600000,\"1\",\"1\",\"1\",\"1\"," + number + ",0,\"1\",1]]"));
        assertNotANumber(() -> new FinnhubCandleCodec().decode("X", m1, "{\"s\":\"ok\",\"o\":[1],\"h\":[" + number
                + "],\"l\":[1],\"c\":[1],\"v\":[1],\"t\":[1704189600]}"));
        assertNotANumber(() -> new AllTickKlineCodec().decode("X", m1, "{\"ret\":200,\"data\":{\"kline_list\":[{"
                + "\"timestamp\":\"1704189600\",\"open_price\":\"1\",\"high_price\":" + number + ",\"low_price\":\"1\","
                + "\"close_price\":\"1\",\"volume\":\"1\"}]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e10000000", "1.777E+777777003", "1e2147483647" })
    void klineTimesBeyondRangeAreBadTimestamps(String time) {
        Interval m1 = Interval.parse("1m");
        TickRejectedException e = assertThrows(TickRejectedException.class, () -> new FinnhubCandleCodec().decode("X", m1,
                "{\"s\":\"ok\",\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1],\"t\":[" + time + "]}"));
        assertTrue(e.reason() == RejectReason.BAD_TIMESTAMP || e.reason() == RejectReason.NOT_A_NUMBER, e.getMessage());
        assertEquals(RejectReason.BAD_TIMESTAMP, assertThrows(TickRejectedException.class, () -> new FinnhubCandleCodec()
                .decode("X", m1, "{\"s\":\"ok\",\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1],\"t\":[9223372036854775]}"))
                .reason(), "seconds whose milliseconds overflow a long");
    }

    @Test
    void snapshotKeepsTheOtherQuotes() {
        long now = System.currentTimeMillis();
        String good = "{\"symbol\":\"B\",\"c\":2,\"pc\":2,\"o\":2,\"h\":2,\"l\":2,\"v\":1,\"t\":" + now + "}";
        SnapshotAnswer answer = new SimulatorSnapshotCodec().decode("{\"s\":\"ok\",\"t\":1,\"quotes\":["
                + "{\"symbol\":\"A\",\"c\":1e10000000,\"pc\":1e777777777000,\"o\":1,\"h\":1,\"l\":1,\"v\":1,\"t\":1e10000000},"
                + good + "]}");
        assertEquals(1, answer.quotes().size());
        assertEquals("B", answer.quotes().get(0).symbol());
        assertEquals(1, answer.rejects().size());
        assertEquals(RejectReason.NOT_A_NUMBER, answer.rejects().get(0).reason());
    }

    private static void assertNotANumber(org.junit.jupiter.api.function.Executable decode) {
        TickRejectedException e = assertThrows(TickRejectedException.class, decode);
        assertEquals(RejectReason.NOT_A_NUMBER, e.reason(), e.getMessage());
        assertTrue(e.getMessage().length() <= 1_000, "message of " + e.getMessage().length() + " characters");
    }
}
