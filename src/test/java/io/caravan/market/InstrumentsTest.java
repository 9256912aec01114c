package io.caravan.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every provider's native symbol to its normalised instrument. */
class InstrumentsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "finnhub, AAPL, AAPL.US, US",
            "finnhub, BINANCE:BTCUSDT, BTCUSDT.BINANCE, CRYPTO",
            "finnhub, OANDA:EUR_USD, EURUSD.FX, FX",
            "finnhub, COINBASE:BTC-USD, BTCUSD.COINBASE, CRYPTO",
            "binance, BTCUSDT, BTCUSDT.BINANCE, CRYPTO",
            "binance, ethusdt, ETHUSDT.BINANCE, CRYPTO",
            "alltick, AAPL.US, AAPL.US, US",
            "alltick, 700.HK, 700.HK, HK",
            "alltick, 00700.HK, 700.HK, HK",
            "alltick, 600519.SH, 600519.SS, SH",
            "alltick, 000858.SZ, 000858.SZ, SZ",
            "alltick, EURUSD, EURUSD.FX, FX",
            "alltick, XAUUSD, XAUUSD.FX, FX",
            "alltick, BTCUSDT, BTCUSDT.ALLTICK, CRYPTO",
            "replay, AIG, AIG.US, US",
            "replay, 600519.SS, 600519.SS, SH",
            "replay, BTCUSDT.BINANCE, BTCUSDT.BINANCE, CRYPTO",
            "replay, BRK.B, BRK.B.US, US",
    })
    void nativeSymbolsMapToOneInstrument(String provider, String symbol, String id, Market market) {
        Instrument instrument = Instruments.of(provider, symbol);
        assertEquals(id, instrument.id());
        assertEquals(market, instrument.market());
    }

    @Test
    void theSameMarketFromTwoProvidersIsOneInstrument() {
        assertEquals(Instruments.of("finnhub", "AAPL"), Instruments.of("alltick", "AAPL.US"));
        assertEquals(Instruments.of("finnhub", "BINANCE:BTCUSDT"), Instruments.of("binance", "BTCUSDT"));
    }

    @Test
    void parseReadsNormalisedIdsOnly() {
        assertEquals(new Instrument("700", Market.HK, null), Instruments.parse("0700.HK"));
        assertEquals(new Instrument("BTCUSDT", Market.CRYPTO, "BINANCE"), Instruments.parse("btcusdt.binance"));
        assertNull(Instruments.parse("AAPL"));
        assertNull(Instruments.parse("BRK.B"));
    }
}
