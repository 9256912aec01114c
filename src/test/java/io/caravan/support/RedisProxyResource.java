package io.caravan.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts a {@link TcpProxy} between caravan and the real Redis, so a test can cut Redis off and bring it back. */
public class RedisProxyResource implements QuarkusTestResourceLifecycleManager {

    public static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", 6379);
        proxy.start();
        return Map.of("caravan.redis.url", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
