package io.caravan.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MetricsHealthTest} against the packaged application (or the native binary with -Dnative). */
@QuarkusIntegrationTest
class MetricsHealthIT extends MetricsHealthTest {
}
