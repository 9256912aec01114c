package io.caravan.feed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.CaravanConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A configured symbol that no trade could carry stops startup, naming the property; good lists pass. */
class ConfiguredSymbolsTest {

    @ParameterizedTest
    @ValueSource(strings = { "A|B", "A B", "A\u0001B", "éééééééééééééééééééééééééééééééééééé" })
    void aSymbolTheValidatorRefusesIsRefusedAtStartup(String symbol) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfiguredSymbols.check(Map.of("caravan.feed.binance.symbols", List.of("BTCUSDT", symbol))));
        assertTrue(e.getMessage().startsWith("caravan.feed.binance.symbols: '"), e.getMessage());
    }

    @Test
    void aTenThousandCharacterSymbolIsNamedByItsStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfiguredSymbols.check(Map.of("caravan.symbols", List.of("AAPL", "X".repeat(10_000)))));
        assertTrue(e.getMessage().contains("is no symbol: longer than 64 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("(10000 characters)"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void goodListsAndBlankEntriesPass() {
        assertDoesNotThrow(() -> ConfiguredSymbols.check(Map.of("caravan.symbols",
                List.of("AAPL", " BINANCE:BTCUSDT ", "", "700.HK", "東京", "A".repeat(64)))));
    }

    @Test
    void everyListOfTheConfigurationIsChecked() throws IOException {
        // the user's application.properties, read as Quarkus reads it (its durations like 10s), without booting it
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CaravanConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Path.of("application.properties").toUri().toURL(), 100))
                .withSources(new PropertiesConfigSource(Map.of("caravan.symbols", "AAPL,MSFT",
                        "caravan.feed.binance.symbols", "BTCUSDT", "caravan.klines.symbols", "AAPL",
                        "caravan.snapshot.symbols", "A|B"), "test", 200))
                .build();
        Map<String, List<String>> lists = ConfiguredSymbols.lists(config.getConfigMapping(CaravanConfig.class));
        assertEquals(Map.of("caravan.symbols", List.of("AAPL", "MSFT"), "caravan.feed.binance.symbols", List.of("BTCUSDT"),
                "caravan.klines.symbols", List.of("AAPL"), "caravan.snapshot.symbols", List.of("A|B")), lists);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfiguredSymbols.check(lists));
        assertTrue(e.getMessage().startsWith("caravan.snapshot.symbols: 'A|B' is no symbol"), e.getMessage());
    }
}
