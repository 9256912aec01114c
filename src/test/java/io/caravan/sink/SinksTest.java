package io.caravan.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.CaravanConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class SinksTest {

    static CaravanConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new SinkUrisAsWritten())
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "2s" form
                .withMapping(CaravanConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(CaravanConfig.class);
    }

    @Test
    void builtInAndUserSinksInConfigurationOrder() {
        Sinks sinks = new Sinks(config(Map.of("caravan.sinks", "redis, csv,audit",
                "caravan.sink.audit.uri", "file:/tmp/audit?fileName=bars-${date:now:yyyyMMdd}.ndjson&fileExist=Append")));
        assertEquals(List.of("redis", "csv", "audit"), sinks.active());
        assertEquals(Map.of("audit", "file:/tmp/audit?fileName=bars-${date:now:yyyyMMdd}.ndjson&fileExist=Append"),
                sinks.userSinks(), "the URI reaches Camel as written, its ${...} unexpanded");
        assertEquals("seda:sink-audit?size=100000&blockWhenFull=false", sinks.queue("audit"));
    }

    @Test
    void aUserSinkTakesBatchesOnlyWhenItAsks() {
        Sinks sinks = new Sinks(config(Map.of("caravan.sinks", "csv,audit,hook", "caravan.sink.audit.uri", "log:a",
                "caravan.sink.hook.uri", "log:h", "caravan.sink.hook.batch", "true")));
        assertEquals(List.of(true, false, true), List.of(sinks.takesBatches("csv"), sinks.takesBatches("audit"),
                sinks.takesBatches("hook")));
    }

    @Test
    void aSimpleExpressionWithoutDefaultDoesNotBreakStartup() {
        Sinks sinks = new Sinks(config(Map.of("caravan.sinks", "hook",
                "caravan.sink.hook.uri", "log:bars?showHeaders=${header.none}")));
        assertEquals("log:bars?showHeaders=${header.none}", sinks.userSinks().get("hook"));
    }

    @Test
    void anUnknownSinkWithoutUriIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sinks(config(Map.of("caravan.sinks", "csv,kafka"))));
        assertTrue(e.getMessage().contains("unknown sink 'kafka'"), e.getMessage());
        assertTrue(e.getMessage().contains("caravan.sink.kafka.uri"), e.getMessage());
    }

    @Test
    void aBuiltInNameCannotBeRedefined() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sinks(config(Map.of("caravan.sinks", "csv", "caravan.sink.csv.uri", "log:x"))));
        assertTrue(e.getMessage().contains("built-in"), e.getMessage());
    }

    @Test
    void aSinkNameMustBeSafeForRouteIdsAndQueues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sinks(config(Map.of("caravan.sinks", "../x", "caravan.sink.\"../x\".uri", "log:x"))));
        assertTrue(e.getMessage().contains("not a valid sink name"), e.getMessage());
    }

    @Test
    void queueSizeComesFromConfigurationPerSinkOrForAll() {
        Sinks sinks = new Sinks(config(Map.of("caravan.sinks", "csv,redis", "caravan.sink-queue-size", "10",
                "caravan.sink.redis.queue-size", "3")));
        assertEquals("seda:sink-csv?size=10&blockWhenFull=false", sinks.queue("csv"));
        assertEquals("seda:sink-redis?size=3&blockWhenFull=false", sinks.queue("redis"));
    }

    @Test
    void aQueueSizeBelowOneIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sinks(config(Map.of("caravan.sinks", "csv", "caravan.sink.csv.queue-size", "0"))));
        assertEquals("The queue size of sink 'csv' must be at least 1, was 0", e.getMessage());
    }
}
