package io.caravan.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;

import io.caravan.CaravanConfig;
import io.caravan.bar.Bar;
import io.caravan.bar.BarQuality;

/**
 * Bars appended to {@code <data-dir>/bars/<interval>/<SYMBOL>_<interval>.csv} with camel-csv; header on a new file.
 * A revised bar replaces its row ({@link CsvRowReplacer}).
 */
@ApplicationScoped
public class CsvSinkRoute extends RouteBuilder {

    private final Path dataDir;
    private final BarFields fields;

    private final SinkRetryPolicy retry;
    private final Sinks sinks;

    public CsvSinkRoute(CaravanConfig config, BarFields fields, SinkRetryPolicy retry, Sinks sinks) {
        this.dataDir = Path.of(config.dataDir());
        this.fields = fields;
        this.retry = retry;
        this.sinks = sinks;
    }

    /** Path of a bar's file relative to the data dir. */
    public static String relativePath(Bar bar) {
        String interval = bar.interval().label();
        return "bars/" + interval + "/" + SymbolFileName.encode(bar.symbol()) + "_" + interval + ".csv";
    }

    @Override
    public void configure() {
        if (!sinks.isActive(Sinks.CSV)) {
            return;
        }
        errorHandler(retry.retryThenDeadLetter(Sinks.CSV));

        CsvDataFormat withHeader = csv(false);
        CsvDataFormat rowsOnly = csv(true);

        from(sinks.queue(Sinks.CSV)).routeId(Sinks.routeId(Sinks.CSV))
                .process(e -> {
                    Bar bar = e.getMessage().getBody(Bar.class);
                    e.setProperty(BarFields.BARS, bar); // for the dead letter, once the body is a CSV row
                    String file = relativePath(bar);
                    e.getMessage().setHeader(Exchange.FILE_NAME, file);
                    e.setProperty("newFile", !Files.exists(dataDir.resolve(file)));
                })
                .transform(method(fields, "csvRow"))
                .choice()
                    .when(exchangeProperty("newFile"))
                        .marshal(withHeader)
                    .otherwise()
                        .marshal(rowsOnly)
                .end()
                .filter(e -> !replacedRevision(e))
                    .to("file:{{caravan.data-dir}}?fileExist=Append");
    }

    /** A revision or backfill of a bar already in the file replaces its row; anything else is appended. */
    private boolean replacedRevision(Exchange e) {
        Bar bar = e.getProperty(BarFields.BARS, Bar.class);
        // a backfilled bar may be one an earlier run wrote before it was stopped
        if ((bar.revision() == 0 && bar.quality() != BarQuality.BACKFILLED) || e.getProperty("newFile", Boolean.class)) {
            return false;
        }
        try {
            return CsvRowReplacer.replace(dataDir.resolve(e.getMessage().getHeader(Exchange.FILE_NAME, String.class)),
                    e.getMessage().getBody(String.class), BarFields.openTime(bar) + ",");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed); // retried, then the bar dead letter, as any write failure
        }
    }

    private static CsvDataFormat csv(boolean skipHeader) {
        CsvDataFormat format = new CsvDataFormat();
        format.setHeader(String.join(",", BarFields.CSV_COLUMNS));
        format.setSkipHeaderRecord(skipHeader);
        format.setRecordSeparator("\n");
        return format;
    }
}
