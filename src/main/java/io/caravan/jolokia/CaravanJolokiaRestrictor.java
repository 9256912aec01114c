package io.caravan.jolokia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

import javax.management.ObjectName;

import org.apache.camel.quarkus.jolokia.restrictor.CamelJolokiaRestrictor;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * caravan's Jolokia restrictor (its {@code restrictorClass}): a request must pass both the access policy at
 * {@code policyLocation} (by default {@value #READ_ONLY_POLICY}: read, list, search and version only) and Camel
 * Quarkus's restrictor (the MBean domains org.apache.camel, java.lang and java.nio). Camel Quarkus's restrictor on
 * its own allows exec and write on those domains, and with it in place Jolokia reads no policy at all. A request
 * that did not pass {@link JolokiaRequestGuard} is refused ({@link GuardedRequests}).
 */
public final class CaravanJolokiaRestrictor implements Restrictor {

    public static final String READ_ONLY_POLICY = "classpath:/jolokia-access.xml";

    private final PolicyRestrictor policy;
    private final Restrictor domains = new CamelJolokiaRestrictor();
    private final BooleanSupplier admittedByTheGuard = GuardedRequests.asMarkedByTheGuard();

    /** Called by Jolokia with its configuration. */
    public CaravanJolokiaRestrictor(Configuration jolokia) {
        String location = jolokia.getConfig(ConfigKey.POLICY_LOCATION);
        try {
            policy = RestrictorFactory.lookupPolicyRestrictor(location);
        } catch (IOException e) {
            throw new UncheckedIOException("Jolokia policy " + location + " cannot be read", e);
        }
        if (policy == null) {
            throw new IllegalArgumentException("No Jolokia policy at " + location);
        }
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy.isHttpMethodAllowed(method) && domains.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return policy.isTypeAllowed(type) && domains.isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return policy.isAttributeReadAllowed(name, attribute) && domains.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return policy.isAttributeWriteAllowed(name, attribute) && domains.isAttributeWriteAllowed(name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return policy.isOperationAllowed(name, operation) && domains.isOperationAllowed(name, operation);
    }

    /** Asked first for every request: refuses the ones {@link JolokiaRequestGuard} did not admit (see there). */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return admittedByTheGuard.getAsBoolean() && policy.isRemoteAccessAllowed(hostOrAddress)
                && domains.isRemoteAccessAllowed(hostOrAddress);
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return policy.isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled)
                && domains.isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy.isObjectNameHidden(name) || domains.isObjectNameHidden(name);
    }

    @Override
    public boolean ignoreScheme() {
        return policy.ignoreScheme();
    }
}
