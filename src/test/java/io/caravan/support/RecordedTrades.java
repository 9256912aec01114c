package io.caravan.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.feed.replay.ReplayDecoder;
import io.caravan.feed.replay.ReplayFile;
import io.caravan.tick.RawTrade;
import io.caravan.tick.Tick;
import io.caravan.tick.TickValidator;

/** The trades of a feed's recordings ({@code caravan.record.dir}), decoded as the replay feed decodes them. */
public final class RecordedTrades {

    private RecordedTrades() {
    }

    /** @param dir {@code <record dir>/<feed>} */
    public static List<TestTrade> in(Path dir, String feed) throws IOException {
        List<TestTrade> trades = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return trades;
        }
        ReplayDecoder decoder = new ReplayDecoder(new FinnhubCodec(), new BinanceCodec(), new AllTickCodec());
        TickValidator validator = new TickValidator();
        try (var files = Files.list(dir)) {
            for (Path path : files.sorted().toList()) {
                assertTrue(path.getFileName().toString().matches(feed + "-\\d{4}-\\d{2}-\\d{2}\\.frames\\.gz"),
                        path.toString());
                try (ReplayFile file = new ReplayFile(path)) {
                    while (file.hasNext()) {
                        for (RawTrade raw : decoder.decode(file.next(), file.format()).trades()) {
                            Tick t = validator.validate(raw);
                            trades.add(new TestTrade(t.symbol(), t.ts(), t.price(), t.size(), trades.size()));
                        }
                    }
                }
            }
        }
        return trades;
    }
}
