package io.caravan.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caravan.CaravanConfig;
import io.caravan.http.SameOrigin;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses (403) a WebSocket handshake from a page of another origin: any site the user visits could otherwise read
 * the live frames. Same origin, no Origin (not a browser) and {@code caravan.dashboard.allowed-origins} pass.
 */
@ApplicationScoped
public class LiveOriginCheck implements HttpUpgradeCheck {

    private final List<String> allowed;

    public LiveOriginCheck(CaravanConfig config) {
        this.allowed = config.dashboard().allowedOrigins().orElse(List.of());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return SameOrigin.allows(context.httpRequest(), allowed) ? CheckResult.permitUpgrade()
                : CheckResult.rejectUpgrade(403);
    }
}
