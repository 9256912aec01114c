package io.caravan.sink.redis;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link RedisSinksTest} against the packaged application: the Lua scripts, the Redis clients and the user sink's
 * URI read as written all work from the jar (or the native binary with -Dnative).
 */
@QuarkusIntegrationTest
class RedisSinksIT extends RedisSinksTest {
}
