package io.caravan.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * Real frames to mutate, read from the shared workplace (never copied into the project): the Finnhub, Binance and
 * AllTick samples of {@code ../shared/docs/wire-formats.txt}, and the trade frames of the recorded Binance combined
 * stream {@code ../shared/data/captures/BINANCE.ws.1.0}. CSV seeds are caravan's own replay rows. A test without
 * the shared folder skips.
 */
final class SeedFrames {

    static final Path WIRE_FORMATS = Path.of("..", "shared", "docs", "wire-formats.txt");
    static final Path BINANCE_CAPTURE = Path.of("..", "shared", "data", "captures", "BINANCE.ws.1.0");

    private final Map<Provider, List<String>> seeds = new EnumMap<>(Provider.class);

    private SeedFrames() {
    }

    static SeedFrames load() {
        Assumptions.assumeTrue(Files.isRegularFile(WIRE_FORMATS) && Files.isRegularFile(BINANCE_CAPTURE),
                "shared wire formats and captures absent: " + WIRE_FORMATS + ", " + BINANCE_CAPTURE);
        SeedFrames frames = new SeedFrames();
        for (Provider p : Provider.values()) {
            frames.seeds.put(p, new ArrayList<>());
        }
        try {
            for (String line : Files.readAllLines(WIRE_FORMATS)) {
                int brace = line.indexOf('{');
                if (brace < 0) {
                    continue;
                }
                String frame = line.substring(brace).replaceAll("\\s+\\[(doc|capture)[^\\]]*]\\s*$", "").strip();
                if (frame.contains("\"type\":\"trade\"")) {
                    frames.seeds.get(Provider.FINNHUB).add(frame);
                } else if (frame.contains("\"cmd_id\":22998")) {
                    frames.seeds.get(Provider.ALLTICK).add(frame.substring(0, frame.lastIndexOf('}') + 1));
                } else if (frame.startsWith("{\"e\":\"trade\"") || frame.startsWith("{\"e\":\"aggTrade\"")) {
                    frames.seeds.get(Provider.BINANCE).add(frame);
                }
            }
            for (String line : Files.readAllLines(BINANCE_CAPTURE)) {
                int brace = line.indexOf('{');
                if (brace > 0 && (line.contains("\"e\":\"aggTrade\"") || line.contains("\"e\":\"trade\""))) {
                    frames.seeds.get(Provider.BINANCE).add(line.substring(brace).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames.seeds.get(Provider.CSV).addAll(List.of("2024-08-08T23:55:00.123Z,AIG,31.25,100,1",
                "1723161255342,BTCUSDT,61837.63000000,0.02000000,3735683259", "2013-10-07T13:30:00-04:00,BAC,13.80,2500,"));
        for (Provider p : Provider.values()) {
            Assumptions.assumeFalse(frames.seeds.get(p).isEmpty(), "no seed frame of " + p + " in the shared files");
        }
        return frames;
    }

    List<String> of(Provider provider) {
        return seeds.get(provider);
    }

    int count() {
        return seeds.values().stream().mapToInt(List::size).sum();
    }
}
