package io.caravan.kline;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code caravan.klines.provider=binance}: the simulator's {@code /api/v3/klines}, with trade count and VWAP. */
@QuarkusTest
@TestProfile(BinanceKlinesTest.Profile.class)
class BinanceKlinesTest extends ProviderKlinesTest {

    static final KlineRun RUN = new KlineRun("binance-klines", 18811);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return RUN.config("binance", "AAPL,MSFT", "test:binance-klines:");
        }
    }

    @Override
    KlineRun run() {
        return RUN;
    }

    @Override
    String provider() {
        return "binance";
    }

    @Override
    String simulatorSymbol(String barSymbol) {
        return barSymbol;
    }

    @Override
    boolean reportsTradeCount() {
        return true;
    }
}
