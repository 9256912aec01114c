package io.caravan.fuzz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A fuzz corpus as a replay file: recorded frames ({@code <epoch-ns> <frame>}, Finnhub, Binance and AllTick mixed,
 * each recognised by its content) or caravan's CSV ({@code timestamp,symbol,price,size,trade_id}). The base time of
 * the valid trades is kept beside it ({@code .base}), so the test can produce the same corpus again for its oracle.
 */
final class ReplayInput {

    static final String CSV_HEADER = "timestamp,symbol,price,size,trade_id";
    private static final byte[][] BAD_PREFIXES = { "abc ".getBytes(StandardCharsets.UTF_8), "-1 ".getBytes(StandardCharsets.UTF_8),
            "99999999999999999999 ".getBytes(StandardCharsets.UTF_8), new byte[0], " ".getBytes(StandardCharsets.UTF_8) };

    private ReplayInput() {
    }

    static FuzzCorpus.Summary write(Path file, FuzzSettings settings, List<Provider> providers) throws Exception {
        long base = System.currentTimeMillis();
        Files.createDirectories(file.getParent());
        Files.writeString(baseFile(file), String.valueOf(base));
        boolean csv = providers.equals(List.of(Provider.CSV));
        Random prefixes = new Random(settings.seed() ^ 0x5EED);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            if (csv) {
                out.write((CSV_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            }
            long[] ns = { base * 1_000_000 };
            return FuzzCorpus.produce(settings, providers, base, new FuzzCorpus.Sink() {
                @Override
                public void hostile(FuzzCase hostile) throws IOException {
                    if (!csv) {
                        // one in twenty with a receive time that is not one
                        out.write(prefixes.nextInt(20) == 0 ? BAD_PREFIXES[prefixes.nextInt(BAD_PREFIXES.length)]
                                : prefix(++ns[0]));
                    }
                    out.write(hostile.bytes());
                    out.write('\n');
                }

                @Override
                public void valid(Provider provider, String frame) throws IOException {
                    if (!csv) {
                        out.write(prefix(++ns[0]));
                    }
                    out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }
    }

    /** The same corpus again, written nowhere: what the file holds. */
    static FuzzCorpus.Summary expected(Path file, FuzzSettings settings, List<Provider> providers) throws Exception {
        long base = Long.parseLong(Files.readString(baseFile(file)).strip());
        return FuzzCorpus.produce(settings, providers, base, new FuzzCorpus.Sink() {
            @Override
            public void hostile(FuzzCase hostile) {
            }

            @Override
            public void valid(Provider provider, String frame) {
            }
        });
    }

    private static byte[] prefix(long ns) {
        return (ns + " ").getBytes(StandardCharsets.UTF_8);
    }

    private static Path baseFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".base");
    }
}
