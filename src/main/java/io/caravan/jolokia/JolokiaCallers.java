package io.caravan.jolokia;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.caravan.CaravanConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Who may call caravan's Jolokia agent: requests whose {@code Host} names this machine's loopback or the agent's
 * configured host (a page that rebound its own DNS name to 127.0.0.1 still sends its own name), and browser requests
 * whose {@code Origin} is the agent's own origin or one of {@code caravan.jolokia.allowed-origins} (Hawtio's proxy
 * forwards its page's origin).
 */
final class JolokiaCallers {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> EVERY_INTERFACE = Set.of("", "0.0.0.0", "::", "[::]");

    private final Set<String> hosts;
    private final Set<String> origins;

    JolokiaCallers(Set<String> hosts, Set<String> origins) {
        this.hosts = Set.copyOf(hosts);
        this.origins = Set.copyOf(origins);
    }

    /** From {@code quarkus.camel.jolokia.server.host/port} and {@code caravan.jolokia.allowed-hosts/-origins}. */
    static JolokiaCallers from(Config config) {
        // read by name: Jolokia starts before caravan's config mapping is there
        return of(config.getOptionalValue("quarkus.camel.jolokia.server.host", String.class),
                config.getOptionalValue("quarkus.camel.jolokia.server.port", Integer.class).orElse(8778),
                config.getOptionalValues("caravan.jolokia.allowed-hosts", String.class).orElse(List.of()),
                config.getOptionalValues("caravan.jolokia.allowed-origins", String.class)
                        .orElse(List.of(CaravanConfig.Jolokia.HAWTIO_RUN_ORIGINS.split(","))));
    }

    static JolokiaCallers of(Optional<String> agentHost, int agentPort, List<String> moreHosts,
            List<String> moreOrigins) {
        Set<String> hosts = new HashSet<>(LOOPBACK);
        agentHost.map(JolokiaCallers::normalHost).filter(host -> !EVERY_INTERFACE.contains(host)).ifPresent(hosts::add);
        moreHosts.stream().filter(host -> !host.isBlank()).map(JolokiaCallers::normalHost).forEach(hosts::add);
        Set<String> origins = new HashSet<>();
        for (String host : hosts) {
            origins.add(normalOrigin("http://" + host + ":" + agentPort));
            origins.add(normalOrigin("https://" + host + ":" + agentPort));
        }
        moreOrigins.stream().filter(origin -> !origin.isBlank()).map(JolokiaCallers::normalOrigin)
                .forEach(origins::add);
        return new JolokiaCallers(hosts, origins);
    }

    /** A request without a Host header (HTTP/1.0) passes: every browser sends one. */
    boolean hostAllowed(String hostHeader) {
        return hostHeader == null || hosts.contains(normalHost(withoutPort(hostHeader.trim())));
    }

    /** A request without an Origin header (curl, Hawtio's proxy on a GET) passes: only browsers send one. */
    boolean originAllowed(String origin) {
        return origin == null || origins.contains(normalOrigin(origin));
    }

    private static String withoutPort(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static String normalHost(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
    }

    /** scheme://host:port in lower case, with the scheme's default port written out; anything else as given. */
    private static String normalOrigin(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + normalHost(uri.getHost()) + ":" + port;
        } catch (IllegalArgumentException e) {
            return trimmed;
        }
    }

    @Override
    public String toString() {
        return "hosts " + hosts + ", origins " + origins;
    }
}
