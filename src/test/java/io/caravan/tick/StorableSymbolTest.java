package io.caravan.tick;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.caravan.sink.SymbolFileName;

/**
 * A symbol the validator admits can be stored: its CSV file name (percent-encoded UTF-8, up to three characters a
 * byte) fits a file system's 255 bytes, with the longest interval suffix. The limit is 64 bytes of UTF-8, not 64
 * characters: 64 × 'é' or 32 × '😀' passed the character count and every bar of them went to the bar dead letter.
 */
class StorableSymbolTest {

    /** The longest interval suffix a file name carries. */
    static final String SUFFIX = "_99999999d.csv";

    @TempDir
    Path dir;

    static Stream<Arguments> symbols() {
        return Stream.of(
                Arguments.of("A".repeat(64), true),
                Arguments.of(":".repeat(64), true),
                Arguments.of("é".repeat(32), true),
                Arguments.of("é".repeat(33), false),
                Arguments.of("é".repeat(64), false),
                Arguments.of("😀".repeat(16), true),
                Arguments.of("😀".repeat(17), false),
                Arguments.of("😀".repeat(32), false),
                Arguments.of("東京".repeat(10) + "AAAA", true),
                Arguments.of("東京".repeat(11), false),
                Arguments.of("\uD800".repeat(21), true),
                Arguments.of("\uD800".repeat(22), false),
                Arguments.of("\uD800".repeat(64), false));
    }

    @ParameterizedTest
    @MethodSource("symbols")
    void anAdmittedSymbolHasAFileNameTheFileSystemTakes(String symbol, boolean admitted) {
        RawTrade trade = new RawTrade("replay", symbol, "1723161255342", "1.5", "1", null, null, 1, "raw");
        TickValidator validator = new TickValidator();
        if (admitted) {
            assertEquals(symbol, validator.validate(trade).symbol());
            assertDoesNotThrow(() -> Files.createFile(dir.resolve(SymbolFileName.encode(symbol) + SUFFIX)));
        } else {
            TickRejectedException e = assertThrows(TickRejectedException.class, () -> validator.validate(trade));
            assertEquals(RejectReason.BAD_SYMBOL, e.reason());
        }
    }
}
