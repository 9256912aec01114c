package io.caravan.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.caravan.feed.replay.ReplayPace;

/**
 * Replays a CSV in file order, paced by its timestamps or as fast as the clients read. Blocks: run it on its own
 * thread, never on an event loop.
 */
final class FileTradeSource {

    /** Large enough to make max speed cheap per trade, small enough to stay one WebSocket frame (~40 kB). */
    static final int MAX_BATCH = 500;

    /** Takes one batch to the clients and blocks until they can take more. */
    @FunctionalInterface
    interface BatchSink {
        /** @return how many trades of the batch reached at least one client */
        int send(List<SimTrade> batch) throws InterruptedException;
    }

    record Result(long tradesSent, long rowsSkipped) {
    }

    private final Path file;
    private final OptionalDouble speedFactor;
    private final BatchSink sink;

    /** @param speedFactor empty = max speed */
    FileTradeSource(Path file, OptionalDouble speedFactor, BatchSink sink) {
        this.file = file;
        this.speedFactor = speedFactor;
        this.sink = sink;
    }

    /**
     * A batch is cut only between two rows of different timestamps, so a run of rows sharing a timestamp always
     * travels in one frame (a batch may exceed {@link #MAX_BATCH} for that).
     */
    Result replay() throws IOException, InterruptedException {
        long sent = 0;
        try (ReplayCsvReader reader = new ReplayCsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            ReplayPace pace = new ReplayPace(speedFactor);
            List<SimTrade> batch = new ArrayList<>();
            SimTrade next = reader.next();
            while (next != null) {
                if (!batch.isEmpty() && next.timestamp() != batch.get(batch.size() - 1).timestamp()
                        && (batch.size() >= MAX_BATCH || !pace.isDue(next.timestamp()))) {
                    sent += sink.send(batch);
                    batch = new ArrayList<>();
                }
                if (batch.isEmpty()) {
                    pace.awaitDue(next.timestamp());
                }
                pace.advance(next.timestamp());
                batch.add(next);
                next = reader.next();
            }
            if (!batch.isEmpty()) {
                sent += sink.send(batch);
            }
            return new Result(sent, reader.skippedRows());
        }
    }
}
