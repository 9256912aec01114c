package io.caravan.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;

/**
 * The {@code csv} sink: what waits in its queue is taken as one batch ({@link SinkBatch}) and written by
 * {@link CsvBarFiles}, one append per file. A failure is retried (the files already written are not written again),
 * then what was not written goes to the bar dead letter.
 */
@ApplicationScoped
public class CsvSinkRoute extends RouteBuilder {

    /** Most bars in one batch. */
    static final int BATCH = 10_000;
    /** Exchange property: the files of the batch written so far, kept across retries. */
    static final String WRITTEN_FILES = "caravanCsvWrittenFiles";

    private final CsvBarFiles files;
    private final SinkRetryPolicy retry;
    private final Sinks sinks;

    public CsvSinkRoute(CaravanConfig config, BarFields fields, SinkRetryPolicy retry, Sinks sinks) {
        this.files = new CsvBarFiles(Path.of(config.dataDir()), fields);
        this.retry = retry;
        this.sinks = sinks;
    }

    @Override
    public void configure() {
        if (!sinks.isActive(Sinks.CSV)) {
            return;
        }
        errorHandler(retry.retryThenDeadLetter(Sinks.CSV));

        from(sinks.queue(Sinks.CSV)).routeId(Sinks.routeId(Sinks.CSV))
                .process(new SinkBatch(BATCH))
                .process(this::write);
    }

    private void write(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Bar> bars = exchange.getMessage().getBody(List.class);
        @SuppressWarnings("unchecked")
        Set<String> written = exchange.getProperty(WRITTEN_FILES, Set.class);
        if (written == null) {
            written = new HashSet<>();
            exchange.setProperty(WRITTEN_FILES, written);
        }
        try {
            files.write(bars, written);
        } catch (IOException failed) {
            // retried, then the bar dead letter takes the bars not written
            exchange.setProperty(BarFields.BARS, CsvBarFiles.unwritten(bars, written));
            throw new UncheckedIOException(failed);
        }
    }
}
