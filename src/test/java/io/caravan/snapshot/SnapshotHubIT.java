package io.caravan.snapshot;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link SnapshotHubTest} against the packaged application: the Quartz schedule, the YAML route read from
 * {@code routes/}, the HTTP client and the Lua script all work from the jar (or the native binary with -Dnative).
 */
@QuarkusIntegrationTest
class SnapshotHubIT extends SnapshotHubTest {
}
