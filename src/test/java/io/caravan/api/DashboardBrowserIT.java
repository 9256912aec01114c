package io.caravan.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DashboardBrowserTest} against the packaged application: the page and ECharts served from the jars. */
@QuarkusIntegrationTest
class DashboardBrowserIT extends DashboardBrowserTest {
}
