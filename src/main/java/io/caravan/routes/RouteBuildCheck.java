package io.caravan.routes;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;

/**
 * Builds a throw-away copy of a file's routes the way Camel builds a route it adds (route configurations applied,
 * endpoints resolved, every processor created) but never starts them, so an unknown endpoint scheme, a bad endpoint
 * option or a missing bean is found before any running route is touched. Endpoints created only for a refused file
 * are removed again.
 */
@ApplicationScoped
class RouteBuildCheck {

    private final CamelContext context;

    RouteBuildCheck(CamelContext context) {
        this.context = context;
    }

    /** @param copy definitions parsed for this check alone: building them changes them */
    void check(Path file, RouteFileContent copy) {
        Set<Endpoint> before = new HashSet<>(context.getEndpoints());
        ExtendedCamelContext extension = context.getCamelContextExtension();
        Model model = extension.getContextPlugin(Model.class);
        try {
            for (RouteDefinition route : copy.routes()) {
                RouteDefinitionHelper.prepareRoute(context, route);
                route.markPrepared();
                RouteDefinitionHelper.forceAssignIds(context, route.getInput());
                RouteDefinitionHelper.forceAssignIds(context, route);
                extension.createRoute(route.getRouteId());
                try {
                    model.getModelReifierFactory().createRoute(context, route);
                } finally {
                    extension.createRoute(null);
                }
            }
        } catch (Exception e) {
            for (Endpoint endpoint : context.getEndpoints()) {
                if (!before.contains(endpoint)) {
                    removeQuietly(endpoint);
                }
            }
            throw RouteFileException.of(file, e);
        }
    }

    private void removeQuietly(Endpoint endpoint) {
        try {
            context.removeEndpoint(endpoint);
        } catch (Exception ignored) {
            // only tidying up after a refused file
        }
    }
}
