package io.caravan.tick;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DeadLetterTest} against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class DeadLetterIT extends DeadLetterTest {
}
