package io.caravan.feed.record;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.caravan.CaravanConfig;

/** Writes the recorded frames every {@code caravan.record.flush-interval}, when {@code caravan.record.dir} is set. */
@ApplicationScoped
public class RecordRoutes extends RouteBuilder {

    private final FrameRecorder recorder;
    private final long periodMillis;

    public RecordRoutes(FrameRecorder recorder, CaravanConfig config) {
        this.recorder = recorder;
        this.periodMillis = Math.max(1, config.record().flushInterval().toMillis());
    }

    @Override
    public void configure() {
        if (recorder.enabled()) {
            from("timer:frame-recorder?period=" + periodMillis).routeId("frame-recorder")
                    .bean(recorder, "flush");
        }
    }
}
