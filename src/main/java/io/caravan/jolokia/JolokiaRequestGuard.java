package io.caravan.jolokia;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jolokia.jvmagent.security.UserPasswordHttpAuthenticator;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;

/**
 * The gate of caravan's Jolokia agent (its {@code authClass}), run on every request before Jolokia sees it: a
 * {@code Host} or {@code Origin} that is not caravan's own is refused with 403, then the agent's {@code user} and
 * {@code password} are checked when set. An access policy other than caravan's read-only one
 * ({@link CaravanJolokiaRestrictor#READ_ONLY_POLICY}) is refused without a user and password: whatever goes beyond
 * reads needs credentials.
 */
public final class JolokiaRequestGuard extends Authenticator {

    private static final Logger LOG = Logger.getLogger(JolokiaRequestGuard.class);
    private static final int FORBIDDEN = 403;

    private final JolokiaCallers callers;
    private final Authenticator credentials;
    private final HttpPrincipal anonymous;

    /** Called by Jolokia with its configuration, before it creates its HTTP server. */
    public JolokiaRequestGuard(Configuration jolokia) {
        // Jolokia may call this on a thread whose context class loader is not the application's
        this(jolokia, JolokiaCallers.from(ConfigProvider.getConfig(JolokiaRequestGuard.class.getClassLoader())));
    }

    JolokiaRequestGuard(Configuration jolokia, JolokiaCallers callers) {
        String realm = jolokia.getConfig(ConfigKey.REALM);
        this.anonymous = new HttpPrincipal("anonymous", realm);
        this.credentials = credentials(jolokia, realm);
        String policy = jolokia.getConfig(ConfigKey.POLICY_LOCATION);
        if (credentials == null && !CaravanJolokiaRestrictor.READ_ONLY_POLICY.equals(policy)) {
            throw new IllegalArgumentException("Jolokia policy " + policy + " goes beyond reads: set "
                    + "quarkus.camel.jolokia.additional-properties.user and .password too");
        }
        this.callers = callers;
        // Jolokia builds its authenticator just before its JDK HTTP server, which reads these once
        JdkHttpServerTimeouts.applyDefaults();
        LOG.debugf("Jolokia answers %s%s", callers, credentials == null ? "" : ", with credentials");
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        GuardedRequests.takeAdmission();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!callers.hostAllowed(host)) {
            LOG.debugf("Jolokia refused a request for host %s", host);
            return new Failure(FORBIDDEN);
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (!callers.originAllowed(origin)) {
            LOG.debugf("Jolokia refused a request from origin %s", origin);
            return new Failure(FORBIDDEN);
        }
        Result result = credentials == null ? new Success(anonymous) : credentials.authenticate(exchange);
        if (result instanceof Success) {
            GuardedRequests.admit();
        }
        return result;
    }

    private static Authenticator credentials(Configuration jolokia, String realm) {
        String user = jolokia.getConfig(ConfigKey.USER);
        String password = jolokia.getConfig(ConfigKey.PASSWORD);
        if (!"basic".equalsIgnoreCase(jolokia.getConfig(ConfigKey.AUTH_MODE))) {
            throw new IllegalArgumentException("caravan's Jolokia supports authMode=basic only");
        }
        if (user == null) {
            return null;
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Jolokia user " + user + " is set without a password");
        }
        return new UserPasswordHttpAuthenticator(realm, user, password);
    }
}
