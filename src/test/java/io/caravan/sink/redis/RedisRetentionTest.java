package io.caravan.sink.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisRetentionTest {

    @Test
    void aNumberIsACount() {
        assertEquals(new RedisRetention(RedisRetention.Kind.COUNT, 10_000), RedisRetention.parse("10000"));
        assertEquals(new RedisRetention(RedisRetention.Kind.COUNT, 1), RedisRetention.parse(" 1 "));
    }

    @Test
    void aDurationIsAnAge() {
        assertEquals(new RedisRetention(RedisRetention.Kind.AGE, 7 * 86_400_000L), RedisRetention.parse("7d"));
        assertEquals(new RedisRetention(RedisRetention.Kind.AGE, 12 * 3_600_000L), RedisRetention.parse("12H"));
        assertEquals(new RedisRetention(RedisRetention.Kind.AGE, 90 * 60_000L), RedisRetention.parse("90m"));
        assertEquals(new RedisRetention(RedisRetention.Kind.AGE, 30_000L), RedisRetention.parse("30s"));
        assertEquals(new RedisRetention(RedisRetention.Kind.AGE, 500L), RedisRetention.parse("500ms"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "0", "-5", "7 days", "1w", "0d", "99999999999999999999", "99999999999999999d" })
    void anythingElseIsAClearError(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisRetention.parse(text));
        assertEquals("caravan.redis.retention: '" + text
                + "' is neither a count of bars (e.g. 10000) nor an age (e.g. 7d, 12h, 90m)", e.getMessage());
    }
}
