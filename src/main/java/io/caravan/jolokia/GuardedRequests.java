package io.caravan.jolokia;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.BooleanSupplier;

import org.jolokia.jvmagent.JolokiaServerConfig;

/**
 * The hand-over from {@link JolokiaRequestGuard} to {@link CaravanJolokiaRestrictor} on the worker thread that
 * serves a request. Jolokia's JVM agent serves {@code /jolokia/config} with the same handler as {@code /jolokia},
 * on a context of its own that has no authenticator: a request there would skip the guard (Host, Origin,
 * credentials). The guard marks each request it admits; the restrictor's first check of a request (remote access,
 * asked once per request before anything else) takes the mark and refuses a request without one.
 */
public final class GuardedRequests {

    private static final ThreadLocal<Boolean> ADMITTED = new ThreadLocal<>();

    private GuardedRequests() {
    }

    public static void admit() {
        ADMITTED.set(Boolean.TRUE);
    }

    /** Whether the guard admitted the request this thread serves; the mark is used up. */
    public static boolean takeAdmission() {
        boolean admitted = ADMITTED.get() != null;
        ADMITTED.remove();
        return admitted;
    }

    /**
     * {@link #takeAdmission()} of this class as Jolokia's agent loaded it, which is the copy the guard marks: Jolokia
     * loads its {@code authClass} with its own class loader. In a packaged app that is this very class; in a
     * {@code @QuarkusTest} run Jolokia's agent is loaded by the application class loader and caravan's classes a
     * second time by Quarkus's, while the restrictor comes from Quarkus's.
     */
    static BooleanSupplier asMarkedByTheGuard() {
        Class<?> marked;
        try {
            marked = Class.forName(GuardedRequests.class.getName(), true, JolokiaServerConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (marked == GuardedRequests.class) {
            return GuardedRequests::takeAdmission;
        }
        Method take;
        try {
            take = marked.getMethod("takeAdmission");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            try {
                return (Boolean) take.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
