package io.caravan.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Reads a route file with Camel's own loader (the YAML DSL) into route and template definitions, without adding
 * anything to the Camel context. Only routes and route templates can be swapped at runtime; a file that also defines
 * beans, REST services, route configurations or templated routes is refused, as is a route without an id (a reload
 * finds the routes to replace by their ids).
 */
@ApplicationScoped
public class RouteFileParser {

    private final CamelContext context;

    public RouteFileParser(CamelContext context) {
        this.context = context;
    }

    /** @throws RouteFileException when the text is not a route file caravan can apply */
    public RouteFileContent parse(Path file, String text) {
        List<RouteDefinition> routes = new ArrayList<>();
        List<RouteTemplateDefinition> templates = new ArrayList<>();
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context)
                    .findRoutesBuilders(ResourceHelper.fromString(RouteFiles.location(file), text))) {
                if (!(builder instanceof RouteBuilder routeBuilder)) {
                    throw new RouteFileException(file, "not a route file (" + builder.getClass().getSimpleName() + ")");
                }
                routeBuilder.configureRoutes(context);
                refuseWhatCannotBeSwapped(file, routeBuilder);
                routes.addAll(routeBuilder.getRouteCollection().getRoutes());
                templates.addAll(routeBuilder.getRouteTemplateCollection().getRouteTemplates());
            }
        } catch (Exception e) {
            throw RouteFileException.of(file, e);
        }
        for (RouteDefinition route : routes) {
            if (!route.hasCustomIdAssigned()) {
                throw new RouteFileException(file, "the route from " + route.getInput().getEndpointUri()
                        + " has no id; give every route an id so that a reload knows which route to replace");
            }
        }
        return new RouteFileContent(routes, templates);
    }

    private static void refuseWhatCannotBeSwapped(Path file, RouteBuilder builder) {
        List<String> kinds = new ArrayList<>();
        if (!builder.getBeans().isEmpty()) {
            kinds.add("beans");
        }
        if (!builder.getRestCollection().getRests().isEmpty()) {
            kinds.add("rest");
        }
        if (!builder.getTemplatedRouteCollection().getTemplatedRoutes().isEmpty()) {
            kinds.add("templatedRoute");
        }
        if (builder instanceof RouteConfigurationBuilder configurations
                && !configurations.getRouteConfigurationCollection().getRouteConfigurations().isEmpty()) {
            kinds.add("routeConfiguration");
        }
        if (!kinds.isEmpty()) {
            throw new RouteFileException(file, "defines " + String.join(", ", kinds)
                    + ", which cannot be replaced while running (only route and routeTemplate can); restart caravan");
        }
    }
}
